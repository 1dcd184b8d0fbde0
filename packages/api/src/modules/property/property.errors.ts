import { conflict, notFound } from "../../common/errors/app-error";

export enum PropertyError {
  PROPERTY_NOT_FOUND = "PROPERTY_NOT_FOUND",
  UNIT_NOT_FOUND = "UNIT_NOT_FOUND",
  UNIT_NUMBER_TAKEN = "UNIT_NUMBER_TAKEN",
}

export const propertyNotFound = (field: string[] = ["id"]) =>
  notFound(PropertyError.PROPERTY_NOT_FOUND, "No such property, or it is not visible to you.", field);

export const unitNotFound = (field: string[] = ["id"]) =>
  notFound(PropertyError.UNIT_NOT_FOUND, "No such unit, or it is not visible to you.", field);

export const unitNumberTaken = (building: string, number: string) =>
  conflict(PropertyError.UNIT_NUMBER_TAKEN, `Unit ${building}-${number} already exists in this property.`, ["input", "number"]);

import { conflict, notFound } from "../../common/errors/app-error";

export enum CustomerError {
  CUSTOMER_NOT_FOUND = "CUSTOMER_NOT_FOUND",
  ALREADY_LINKED = "ALREADY_LINKED",
  LINK_NOT_FOUND = "LINK_NOT_FOUND",
}

export const customerNotFound = (field: string[] = ["id"]) =>
  notFound(CustomerError.CUSTOMER_NOT_FOUND, "No such customer, or it is not visible to you.", field);

export const alreadyLinked = () =>
  conflict(CustomerError.ALREADY_LINKED, "The customer is already linked to this unit.", ["unitId"]);

export const linkNotFound = () => notFound(CustomerError.LINK_NOT_FOUND, "The customer is not linked to this unit.", ["unitId"]);

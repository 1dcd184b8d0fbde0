export { rate, type Rate } from "./rate";

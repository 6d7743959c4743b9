/** Input parsing lives outside the router so that edit kinds (services) use the same rule; see validation/parseInput.ts. */
export { parseInput } from '../validation/parseInput';

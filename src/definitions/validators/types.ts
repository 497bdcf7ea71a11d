/**
 * Checks one attribute value after conversion. Returns `undefined` when the
 * value is valid, else Neutron's validator message: the text the API puts
 * after "Reason: " in `Invalid input for <attr>. Reason: <message>.`, e.g.
 * `'abc' is not a valid UUID`.
 *
 * Contract: pure, synchronous, and total — it never throws, whatever it is
 * given (null, numbers, arrays, objects, huge strings).
 *
 * @example uuid('abc') // "'abc' is not a valid UUID"
 */
export type Validator = (value: unknown) => string | undefined;

/**
 * Turns a wire value into its stored form (neutron-lib's `convert_to`). Runs
 * before the validator. Where Neutron's converter raises InvalidInput it
 * throws {@link ConversionError} with the same message, which the API renders
 * as `Invalid input for operation: <message>.`; any other input it returns
 * unchanged or converted. Pure and synchronous.
 *
 * @example toBoolean('notabool') // throws ConversionError("'notabool' cannot be converted to boolean")
 */
export type Converter = (value: unknown) => unknown;

/** Thrown by a {@link Converter} where Neutron raises InvalidInput; `message` is Neutron's text. */
export class ConversionError extends Error {}

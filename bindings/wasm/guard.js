// Turns a fault inside the WebAssembly engine (a trap) into the contract's error shape, so
// a caller only ever sees an outcome or `{errors: [...]}`. After a trap the module should
// not be used again: the message says to reload.
export const INTERNAL = Object.freeze({
  pointer: "",
  code: "internal",
  message: "internal error in the screening engine; no outcome was produced. Reload the page and try again, and please report it (see SECURITY.md)",
  help: "Something went wrong in the screening: if a child may be in danger, call 999; otherwise call the front door",
});

export function guard(fn) {
  return (...args) => {
    try {
      return fn(...args);
    } catch (e) {
      if (e && Array.isArray(e.errors)) throw e;
      if (e instanceof WebAssembly.RuntimeError || e instanceof RangeError) throw { errors: [INTERNAL] };
      throw e;
    }
  };
}

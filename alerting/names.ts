// Names of projects, monitors and watches: what an analyst types after @ in a rule, and in
// commands; letters, digits and . _ - only, so they never need quoting anywhere.

const NAME = /^[A-Za-z0-9][\w.-]{0,99}$/;

/** The name, or an Error naming what is wrong (what: "project", "monitor", "watch"). */
export function checkName(what: string, name: string): string {
  if (!NAME.test(name))
    throw new Error(
      `${what} name "${name.slice(0, 100)}" must be 1 to 100 letters, digits or . _ - (starting with a letter or digit)`,
    );
  return name;
}

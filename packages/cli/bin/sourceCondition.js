// A module resolve hook (node:module register): resolves every import with the "@berth/source" condition too.
export async function resolve(specifier, context, next) {
  const conditions = context.conditions.includes('@berth/source')
    ? context.conditions
    : [...context.conditions, '@berth/source'];
  return next(specifier, { ...context, conditions });
}

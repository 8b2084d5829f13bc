#!/usr/bin/env node
// Generates the TypeScript and Python types of the screening contract from the committed
// JSON Schemas (schemas/*.schema.json, draft 2020-12, themselves generated from the Rust
// types), so that no binding restates the contract by hand.
//
//   node scripts/gen-types.mjs           writes the generated files
//   node scripts/gen-types.mjs --check   exits 1, naming each file that is stale
//
// Outputs:
//   bindings/wasm/types/contract.d.ts     interfaces and type aliases
//   bindings/python/python/hoth/_contract.py   TypedDicts and Literal aliases (Python >= 3.9)
//
// Every schema root and every $defs entry becomes one named type. The root's name comes
// from its `title` ("Screening request" -> ScreeningRequest), or from the file name when it
// has none. A $defs entry keeps its name; when two schemas define the same name differently
// (or a root has it), each is prefixed with its root's name. Inline objects get their
// parent's name plus the property's (or, for a oneOf variant, its only property's).
// Enums (oneOf of {const, title}) become string-literal unions. Keywords that change the
// shape of a value and that this script does not know (allOf, patternProperties, ...) stop
// it with an error rather than produce a looser type.
//
// The embedded Tees ruleset (seeds/tees-hoth.ruleset.json) gives IndicatorId and
// DescriptorId. The request's indicator maps (`indicators`, `concern_basis`) are keyed by
// IndicatorId and `threshold_descriptors` lists DescriptorId; the outcome's
// `indicators_present.harm`/`.vulnerability` and `information_gaps` list IndicatorId;
// whether the schema lists the ids or types them as plain strings (ID_MAPS, ID_LISTS).
// No dependencies: plain node.

import { readFileSync, writeFileSync, readdirSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const COMMAND = "node scripts/gen-types.mjs";
const SCHEMA_DIR = "schemas";
const RULESET = "seeds/tees-hoth.ruleset.json";
const TS_OUT = "bindings/wasm/types/contract.d.ts";
const PY_OUT = "bindings/python/python/hoth/_contract.py";

// Properties whose keys or items are ids of the ruleset, wherever they appear as a map of
// strings (keys) or a list of strings (items): by property name anywhere, or as
// "Type.property" for a name too common to claim everywhere (a ruleset's own `harm`).
// The request's maps and list, and the outcome's lists of indicators (answered yes, by
// category; not known), so a form and the code reading an outcome share one id type.
const ID_MAPS = { indicators: "IndicatorId", concern_basis: "IndicatorId" };
const ID_LISTS = {
  threshold_descriptors: "DescriptorId",
  information_gaps: "IndicatorId",
  "IndicatorsPresent.harm": "IndicatorId",
  "IndicatorsPresent.vulnerability": "IndicatorId",
};

// Keywords that only validate or document: they do not change the generated type.
const IGNORED = new Set([
  "$schema", "$id", "$comment", "$defs", "title", "description", "default", "examples", "deprecated",
  "readOnly", "writeOnly", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
  "minLength", "maxLength", "pattern", "format", "minItems", "maxItems", "uniqueItems", "minProperties",
  "maxProperties", "contentEncoding", "contentMediaType",
]);
const KNOWN = new Set([...IGNORED, "type", "$ref", "const", "enum", "oneOf", "anyOf", "properties", "required", "additionalProperties", "items"]);

class GenError extends Error {}
const fail = (where, msg) => { throw new GenError(`${where}: ${msg}`); };

const pascal = (s) => String(s).split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join("");
const canonical = (v) => Array.isArray(v) ? `[${v.map(canonical).join(",")}]`
  : v && typeof v === "object" ? `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(",")}}`
  : JSON.stringify(v);
const ptr = (parts) => "#" + parts.map((p) => "/" + String(p).replace(/~/g, "~0").replace(/\//g, "~1")).join("");

// ---------------------------------------------------------------------------------------
// Reading: schemas → named declarations over a small type model.
//
// Type: {k: "prim", t: "string"|"integer"|"number"|"boolean"|"null"|"unknown"}
//     | {k: "lit", values: [...]}            | {k: "ref", name}
//     | {k: "array", items: Type}            | {k: "map", key: null|IdName, value: Type}
//     | {k: "union", members: [Type]}
// Declaration: {name, doc, file, kind: "object", props: [{key, type, required, doc}]}
//            | {name, doc, file, kind: "alias", type, titles?: Map<value, title>}

function readInputs() {
  const files = readdirSync(join(ROOT, SCHEMA_DIR)).filter((f) => f.endsWith(".schema.json")).sort();
  if (!files.length) fail(SCHEMA_DIR, "no *.schema.json files");
  const schemas = files.map((f) => {
    const path = `${SCHEMA_DIR}/${f}`;
    let json;
    try { json = JSON.parse(readFileSync(join(ROOT, path), "utf8")); } catch (e) { fail(path, `not readable JSON: ${e.message}`); }
    return { path, stem: f.slice(0, -".schema.json".length), json };
  });
  const ruleset = JSON.parse(readFileSync(join(ROOT, RULESET), "utf8"));
  const ids = (list, what) => {
    if (!Array.isArray(list)) fail(RULESET, `no ${what} list`);
    return list.map((e, i) => {
      if (typeof e?.id !== "string") fail(RULESET, `${what}[${i}] has no string id`);
      return { id: e.id, title: typeof e.title === "string" ? e.title : "" };
    });
  };
  return {
    schemas,
    idSets: {
      IndicatorId: ids(ruleset.indicators, "indicators"),
      DescriptorId: ids(ruleset.threshold_descriptors, "threshold_descriptors"),
    },
  };
}

function model({ schemas, idSets }) {
  const decls = [];
  const taken = new Map(); // name → where it was declared
  const claim = (name, where) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) fail(where, `cannot make a type name from '${name}'`);
    if (taken.has(name)) fail(where, `type name ${name} is already used by ${taken.get(name)}`);
    taken.set(name, where);
  };
  for (const idName of Object.keys(idSets)) claim(idName, RULESET);

  // Root names, then $defs names: one type for a definition that schemas share identically.
  const roots = schemas.map((s) => ({ ...s, root: pascal(s.json.title || s.stem) || pascal(s.stem) }));
  // A $defs name whose schemas disagree keeps its bare name for the form most schemas share
  // (the first file's on a tie), so a new schema cannot rename the existing types.
  const defForms = new Map(); // def name → Map(canonical form → schemas using it, in file order)
  for (const s of roots) for (const [name, def] of Object.entries(s.json.$defs || {})) {
    if (!defForms.has(name)) defForms.set(name, new Map());
    const forms = defForms.get(name);
    const form = canonical(def);
    if (!forms.has(form)) forms.set(form, []);
    forms.get(form).push(s.path);
  }
  const bareForm = new Map();
  for (const [name, forms] of defForms) {
    let best = null;
    for (const [form, users] of forms) if (!best || users.length > forms.get(best).length) best = form;
    bareForm.set(name, best);
  }
  const rootNames = new Set(roots.map((s) => s.root));
  const defName = (s, name) =>
    (rootNames.has(name) || canonical(s.json.$defs[name]) !== bareForm.get(name) ? s.root + name : name);
  const declared = new Set(); // resolved $defs names already declared (shared, identical)

  for (const s of roots) {
    const refName = (ref, where) => {
      const m = /^#\/\$defs\/([^/]+)$/.exec(ref);
      if (!m || !(s.json.$defs || {})[m[1]]) fail(where, `unsupported or dangling $ref '${ref}' (only local #/$defs/Name)`);
      return defName(s, m[1]);
    };
    const cx = { file: s.path, refName };
    declare(cx, s.root, s.json, [], `Root of ${s.path}.`);
    for (const [name, def] of Object.entries(s.json.$defs || {})) {
      const resolved = defName(s, name);
      if (declared.has(resolved)) continue; // the same definition in an earlier schema
      declared.add(resolved);
      declare(cx, resolved, def, ["$defs", name]);
    }
  }
  return decls;

  function checkKeywords(cx, schema, path) {
    // A ruleset's `$schema` (where an editor finds the schema) is allowed by a pattern and is
    // no field of the ruleset's type, so it changes no generated type.
    const editorOnly = (k) => k === "patternProperties" && Object.keys(schema[k]).join() === "^\\$schema$";
    for (const k of Object.keys(schema)) if (!KNOWN.has(k) && !editorOnly(k)) fail(`${cx.file} ${ptr(path)}`, `keyword '${k}' is not supported by ${COMMAND}`);
  }

  function docOf(schema, extra) {
    const parts = [];
    if (schema.title && schema.description) parts.push(schema.title, schema.description);
    else if (schema.title || schema.description) parts.push(schema.title || schema.description);
    if (extra) parts.push(extra);
    if ("default" in schema) parts.push(`Default: \`${JSON.stringify(schema.default)}\`.`);
    return parts.join("\n\n");
  }

  function isObjectShape(schema) {
    return schema && typeof schema === "object" && !schema.$ref && !schema.oneOf && !schema.anyOf
      && (schema.type === "object" || (!schema.type && schema.properties)) && !!schema.properties;
  }

  function declare(cx, name, schema, path, note) {
    const where = `${cx.file} ${ptr(path)}`;
    claim(name, where);
    const decl = { name, file: cx.file, doc: docOf(schema, note) };
    decls.push(decl); // before any inline declarations it makes, so parents come first
    if (isObjectShape(schema)) {
      checkKeywords(cx, schema, path);
      if (schema.additionalProperties && schema.additionalProperties !== false) fail(where, "an object with both properties and additionalProperties cannot be a TypedDict");
      const required = new Set(schema.required || []);
      for (const r of required) if (!(r in schema.properties)) fail(where, `required '${r}' is not a property`);
      decl.kind = "object";
      decl.props = Object.entries(schema.properties).map(([key, sub]) => ({
        key,
        required: required.has(key),
        type: convertProperty(cx, name, key, sub, [...path, "properties", key]),
        doc: docOf(sub),
      }));
    } else {
      decl.kind = "alias";
      decl.type = convert(cx, schema, path, name);
      decl.titles = literalTitles(schema);
    }
    return decl;
  }

  // Titles of the members of a oneOf-of-const enum, for the docs.
  function literalTitles(schema) {
    const variants = schema.oneOf || schema.anyOf;
    if (!variants || !variants.every((v) => v && "const" in v)) return null;
    return new Map(variants.filter((v) => v.title).map((v) => [v.const, v.title]));
  }

  function convertProperty(cx, parent, key, sub, path) {
    const id = ID_MAPS[key];
    if (id && sub && typeof sub === "object" && sub.type === "object") {
      const value = idMapValue(cx, sub, path, idSets[id]);
      if (value) return { k: "map", key: id, value };
    }
    const listId = ID_LISTS[`${parent}.${key}`] || ID_LISTS[key];
    if (listId && sub && sub.type === "array" && sub.items && idListItems(sub.items, idSets[listId])) {
      return { k: "array", items: { k: "ref", name: listId } };
    }
    return convert(cx, sub, path, parent + pascal(key));
  }

  // The value type of a map keyed by ruleset ids: from additionalProperties, or from
  // properties that are all ids of the ruleset and all the same type.
  function idMapValue(cx, sub, path, ids) {
    const known = new Set(ids.map((e) => e.id));
    if (sub.properties) {
      const keys = Object.keys(sub.properties);
      if (!keys.length || !keys.every((k) => known.has(k)) || (sub.required || []).length) return null;
      if (sub.additionalProperties && sub.additionalProperties !== false) return null;
      const strip = (v) => { const { title, description, default: _d, ...rest } = v; return rest; };
      const forms = new Set(keys.map((k) => canonical(strip(sub.properties[k]))));
      if (forms.size !== 1) return null;
      return convert(cx, strip(sub.properties[keys[0]]), [...path, "properties", keys[0]], null);
    }
    if (sub.additionalProperties && typeof sub.additionalProperties === "object") {
      return convert(cx, sub.additionalProperties, [...path, "additionalProperties"], null);
    }
    return null;
  }

  function idListItems(items, ids) {
    const known = new Set(ids.map((e) => e.id));
    if (items.type === "string" && !items.oneOf && !items.anyOf && !items.enum && !items.const && !items.$ref) return true;
    const values = items.enum || (items.oneOf || items.anyOf || []).map((v) => v.const);
    return values.length > 0 && values.every((v) => typeof v === "string" && known.has(v));
  }

  function convert(cx, schema, path, hint) {
    const where = `${cx.file} ${ptr(path)}`;
    if (schema === true) return { k: "prim", t: "unknown" };
    if (schema === false || !schema || typeof schema !== "object") fail(where, "unsupported schema (false or not an object)");
    checkKeywords(cx, schema, path);
    if (schema.$ref) return { k: "ref", name: cx.refName(schema.$ref, where) };
    if ("const" in schema) return { k: "lit", values: [schema.const] };
    if (schema.enum) return { k: "lit", values: [...schema.enum] };
    const variants = schema.oneOf || schema.anyOf;
    if (variants) {
      if (schema.oneOf && schema.anyOf) fail(where, "both oneOf and anyOf");
      if (variants.every((v) => v && typeof v === "object" && "const" in v)) return { k: "lit", values: variants.map((v) => v.const) };
      const key = schema.oneOf ? "oneOf" : "anyOf";
      return union(variants.map((v, i) => {
        const props = v && v.properties ? Object.keys(v.properties) : [];
        const name = hint && (props.length === 1 ? hint + pascal(props[0]) : `${hint}Variant${i + 1}`);
        return convert(cx, v, [...path, key, i], name);
      }));
    }
    if (Array.isArray(schema.type)) {
      return union(schema.type.map((t) => convert(cx, { ...schema, type: t }, path, hint)));
    }
    switch (schema.type) {
      case "object":
        if (schema.properties) {
          if (!hint) fail(where, "an inline object needs a name and has none");
          return { k: "ref", name: declare(cx, hint, schema, path).name };
        }
        if (schema.additionalProperties && typeof schema.additionalProperties === "object") {
          return { k: "map", key: null, value: convert(cx, schema.additionalProperties, [...path, "additionalProperties"], hint && hint + "Value") };
        }
        return { k: "map", key: null, value: { k: "prim", t: "unknown" } };
      case "array":
        return { k: "array", items: schema.items ? convert(cx, schema.items, [...path, "items"], hint && hint + "Item") : { k: "prim", t: "unknown" } };
      case "string": case "integer": case "number": case "boolean": case "null":
        return { k: "prim", t: schema.type };
      case undefined:
        if (schema.properties) return convert(cx, { ...schema, type: "object" }, path, hint);
        return { k: "prim", t: "unknown" };
      default:
        fail(where, `unknown type '${schema.type}'`);
    }
  }

  function union(members) {
    const flat = [];
    for (const m of members) for (const x of m.k === "union" ? m.members : [m]) {
      if (!flat.some((y) => canonical(y) === canonical(x))) flat.push(x);
    }
    return flat.length === 1 ? flat[0] : { k: "union", members: flat };
  }
}

// ---------------------------------------------------------------------------------------
// Writing TypeScript.

const HEADER = (comment) => [
  `${comment} Generated by \`${COMMAND}\`: do not edit by hand.`,
  `${comment} From ${SCHEMA_DIR}/*.schema.json and ${RULESET}; CI fails when this file is stale.`,
];

function tsDoc(text, indent = "") {
  if (!text) return [];
  const lines = text.replace(/\*\//g, "*\\/").split("\n");
  if (lines.length === 1) return [`${indent}/** ${lines[0]} */`];
  return [`${indent}/**`, ...lines.map((l) => (l ? `${indent} * ${l}` : `${indent} *`)), `${indent} */`];
}

function tsType(t) {
  switch (t.k) {
    case "prim": return { string: "string", integer: "number", number: "number", boolean: "boolean", null: "null", unknown: "unknown" }[t.t];
    case "lit": return t.values.map((v) => JSON.stringify(v)).join(" | ");
    case "ref": return t.name;
    case "array": {
      const inner = tsType(t.items);
      return (t.items.k === "union" || (t.items.k === "lit" && t.items.values.length > 1)) ? `(${inner})[]` : `${inner}[]`;
    }
    case "map": return t.key ? `Partial<Record<${t.key}, ${tsType(t.value)}>>` : `{ [key: string]: ${tsType(t.value)} }`;
    case "union": {
      // An open vocabulary (the contract's ids, or any string such as an action a ruleset
      // declares): `string & {}` keeps the listed ids offered by editors, where a plain
      // `string` would swallow them.
      const open = t.members.some((m) => m.k === "ref") && t.members.some((m) => m.k === "prim" && m.t === "string");
      return t.members.map((m) => (open && m.k === "prim" && m.t === "string" ? "(string & {})" : tsType(m))).join(" | ");
    }
  }
}

const tsKey = (k) => (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k) ? k : JSON.stringify(k));

function tsLiteralUnion(name, values, titles, doc) {
  const out = [...tsDoc(doc), `export type ${name} =`];
  values.forEach((v, i) => {
    const title = titles && titles.get(v);
    out.push(`  | ${JSON.stringify(v)}${i === values.length - 1 ? ";" : ""}${title ? ` // ${title}` : ""}`);
  });
  return out;
}

function renderTs(decls, idSets) {
  const out = [...HEADER("//"), "//",
    "// The screening contract's types: import them from `@hoth-tees/hoth` (types/hoth.d.ts re-exports them).", ""];
  out.push(...idUnionTs("IndicatorId", idSets.IndicatorId, "Indicator ids"), "");
  out.push(...idUnionTs("DescriptorId", idSets.DescriptorId, "Threshold of Need descriptor ids"), "");
  let file = null;
  for (const d of decls) {
    if (d.file !== file) { file = d.file; out.push(`// ---- ${file} ----`, ""); }
    if (d.kind === "object") {
      out.push(...tsDoc(d.doc), `export interface ${d.name} {`);
      for (const p of d.props) {
        out.push(...tsDoc(p.doc, "  "), `  ${tsKey(p.key)}${p.required ? "" : "?"}: ${tsType(p.type)};`);
      }
      out.push("}", "");
    } else if (d.type.k === "lit" && d.type.values.length > 1) {
      out.push(...tsLiteralUnion(d.name, d.type.values, d.titles, d.doc), "");
    } else {
      const line = `export type ${d.name} = ${tsType(d.type)};`;
      if (d.type.k === "union" && line.length > 100) {
        out.push(...tsDoc(d.doc), `export type ${d.name} =`, ...d.type.members.map((m, i, all) => `  | ${tsType(m)}${i === all.length - 1 ? ";" : ""}`), "");
      } else {
        out.push(...tsDoc(d.doc), line, "");
      }
    }
  }
  return out.join("\n").replace(/\n+$/, "\n");
}

function idUnionTs(name, ids, what) {
  const doc = `${what}: the embedded Tees ruleset's (${RULESET}), in its order.\n` +
    "Another ruleset (loadRuleset) has its own ids, which these types do not know: send its\n" +
    "requests with screenJson, or cast.";
  return tsLiteralUnion(name, ids.map((e) => e.id), new Map(ids.map((e) => [e.id, e.title])), doc);
}

// ---------------------------------------------------------------------------------------
// Writing Python (3.9 and later: no NotRequired, so optional keys go in a total=False class
// that inherits the required ones).

const PY_KEYWORDS = new Set(["False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
  "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
  "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield"]);

function pyLit(v) {
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "boolean") return v ? "True" : "False";
  if (v === null) return "None";
  if (typeof v === "number") return String(v);
  throw new GenError(`cannot write ${JSON.stringify(v)} as a Python literal`);
}

function renderPy(decls, idSets) {
  const used = new Set();
  const defined = new Set();
  // In module-level aliases a name that is not defined yet is quoted (a forward reference);
  // TypedDict annotations are never evaluated (from __future__ import annotations).
  const ty = (t, lazy) => {
    switch (t.k) {
      case "prim":
        if (t.t === "unknown") used.add("Any");
        return { string: "str", integer: "int", number: "float", boolean: "bool", null: "None", unknown: "Any" }[t.t];
      case "lit": used.add("Literal"); return `Literal[${t.values.map(pyLit).join(", ")}]`;
      case "ref": return lazy || defined.has(t.name) ? t.name : JSON.stringify(t.name);
      case "array": used.add("List"); return `List[${ty(t.items, lazy)}]`;
      case "map": used.add("Dict"); return `Dict[${t.key ? ty({ k: "ref", name: t.key }, lazy) : "str"}, ${ty(t.value, lazy)}]`;
      case "union": {
        const rest = t.members.filter((m) => !(m.k === "prim" && m.t === "null"));
        const nullable = rest.length < t.members.length;
        if (nullable && rest.length === 1) { used.add("Optional"); return `Optional[${ty(rest[0], lazy)}]`; }
        used.add("Union");
        return `Union[${[...rest.map((m) => ty(m, lazy)), ...(nullable ? ["None"] : [])].join(", ")}]`;
      }
    }
  };
  const comment = (text, indent = "") => (text ? text.split("\n").map((l) => (l ? `${indent}#: ${l}` : `${indent}#:`)) : []);
  const docstring = (text, indent) => {
    if (!text) return [];
    const body = text.replace(/\\/g, "\\\\").replace(/"""/g, '\\"\\"\\"').split("\n").map((l) => (l ? indent + l : ""));
    if (body.length === 1) return [`${indent}"""${text.replace(/\\/g, "\\\\").replace(/"""/g, '\\"\\"\\"')}"""`];
    return [`${indent}"""${body[0].slice(indent.length)}`, ...body.slice(1), `${indent}"""`];
  };
  const literalAlias = (name, values, titles, doc) => {
    used.add("Literal");
    const out = [...comment(doc)];
    if (titles && titles.size) out.push("#:", ...values.filter((v) => titles.get(v)).map((v) => `#: - ${pyLit(v)}: ${titles.get(v)}`));
    out.push(`${name} = Literal[`, ...values.map((v) => `    ${pyLit(v)},`), "]");
    defined.add(name);
    return out;
  };

  const body = [];
  const names = [];
  const idAlias = (name, ids, what) => {
    names.push(name);
    return literalAlias(name, ids.map((e) => e.id), new Map(ids.map((e) => [e.id, e.title])),
      `${what}: the embedded Tees ruleset's (${RULESET}), in its order.\n` +
      "Another ruleset (Ruleset.load) has its own ids, which these types do not know: send its\n" +
      "requests as JSON text, or cast.");
  };
  body.push(...idAlias("IndicatorId", idSets.IndicatorId, "Indicator ids"), "", "");
  body.push(...idAlias("DescriptorId", idSets.DescriptorId, "Threshold of Need descriptor ids"), "", "");
  let file = null;
  for (const d of decls) {
    if (d.file !== file) { file = d.file; body.push(`# ---- ${file} ----`, "", ""); }
    names.push(d.name);
    if (d.kind === "object") {
      for (const p of d.props) {
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(p.key) || PY_KEYWORDS.has(p.key)) throw new GenError(`${d.file}: ${d.name}.${p.key} cannot be a TypedDict field name`);
      }
      used.add("TypedDict");
      const req = d.props.filter((p) => p.required);
      const opt = d.props.filter((p) => !p.required);
      const fields = (ps) => ps.flatMap((p) => [...comment(p.doc, "    "), `    ${p.key}: ${ty(p.type, true)}`]);
      if (req.length && opt.length) {
        const base = `_${d.name}Required`;
        body.push(`class ${base}(TypedDict):`, ...docstring(`The keys ${d.name} always has.`, "    "), ...fields(req), "", "");
        body.push(`class ${d.name}(${base}, total=False):`, ...docstring(d.doc, "    "), ...fields(opt));
      } else {
        body.push(`class ${d.name}(TypedDict${opt.length ? ", total=False" : ""}):`, ...docstring(d.doc, "    "), ...fields(req.length ? req : opt));
        if (!d.props.length && !d.doc) body.push("    pass");
      }
      defined.add(d.name);
      body.push("", "");
    } else if (d.type.k === "lit" && d.type.values.length > 1) {
      body.push(...literalAlias(d.name, d.type.values, d.titles, d.doc), "", "");
    } else {
      const line = `${d.name} = ${ty(d.type, false)}`;
      if (d.type.k === "union" && line.length > 100) {
        const rest = d.type.members.filter((m) => !(m.k === "prim" && m.t === "null"));
        const parts = [...rest.map((m) => ty(m, false)), ...(rest.length < d.type.members.length ? ["None"] : [])];
        body.push(...comment(d.doc), `${d.name} = Union[`, ...parts.map((p) => `    ${p},`), "]", "", "");
      } else {
        body.push(...comment(d.doc), line, "", "");
      }
      defined.add(d.name);
    }
  }
  const imports = ["Any", "Dict", "List", "Literal", "Optional", "TypedDict", "Union"].filter((n) => used.has(n));
  const out = [
    ...HEADER("#"),
    `"""The screening contract as TypedDicts and Literal aliases, for type checkers.`,
    "",
    "Generated from the committed JSON Schemas: a request, an outcome, the error list and a",
    "ruleset are plain dicts at run time; these only describe them. Optional keys live in a",
    "``total=False`` class over the required ones (``NotRequired`` needs Python 3.11).",
    `"""`,
    "",
    "from __future__ import annotations",
    "",
    `from typing import ${imports.join(", ")}`,
    "",
    "__all__ = [",
    ...names.map((n) => `    ${JSON.stringify(n)},`),
    "]",
    "",
    "",
    ...body,
  ];
  return out.join("\n").replace(/\n+$/, "\n");
}

// ---------------------------------------------------------------------------------------

function main(argv) {
  const args = argv.slice(2);
  const check = args.includes("--check");
  const unknown = args.filter((a) => a !== "--check");
  if (unknown.length) {
    console.error(`usage: ${COMMAND} [--check]   (unknown argument ${unknown.join(" ")})`);
    return 2;
  }
  let outputs;
  try {
    const inputs = readInputs();
    const decls = model(inputs);
    outputs = [[TS_OUT, renderTs(decls, inputs.idSets)], [PY_OUT, renderPy(decls, inputs.idSets)]];
  } catch (e) {
    if (!(e instanceof GenError)) throw e;
    console.error(`gen-types: ${e.message}`);
    return 2;
  }
  const stale = outputs.filter(([path, text]) => !existsSync(join(ROOT, path)) || readFileSync(join(ROOT, path), "utf8") !== text);
  if (check) {
    if (!stale.length) { console.log(`gen-types: ${outputs.map(([p]) => p).join(", ")} are up to date`); return 0; }
    for (const [path] of stale) console.error(`gen-types: ${path} is stale (it does not match ${SCHEMA_DIR}/*.schema.json and ${RULESET})`);
    console.error(`gen-types: run \`${COMMAND}\` and commit the result`);
    return 1;
  }
  for (const [path, text] of stale) { writeFileSync(join(ROOT, path), text); console.log(`gen-types: wrote ${path}`); }
  if (!stale.length) console.log("gen-types: nothing to change");
  return 0;
}

process.exitCode = main(process.argv);

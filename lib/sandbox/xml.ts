import 'server-only';

// A small XML writer for the AWS query protocol (IAM, STS). Lists are written as <member> items and
// maps as <entry><key/><value/></entry>, the way the SDK's XmlShapeDeserializer reads them. Every
// text value is escaped, including characters that XML 1.0 cannot carry at all.

export class XmlMap {
  constructor(readonly entries: readonly (readonly [string, XmlValue])[]) {}
}

export type XmlValue =
  | string
  | number
  | boolean
  | Date
  | XmlMap
  | readonly XmlValue[]
  | { readonly [key: string]: XmlValue | undefined | null };

// Characters XML 1.0 forbids outright are replaced rather than escaped.
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\r': '&#x0D;',
};

export function escapeXml(text: string): string {
  return text.replace(INVALID_XML_CHARS, '\uFFFD').replace(/[&<>"'\r]/g, (ch) => ESCAPES[ch] ?? ch);
}

const ELEMENT_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

function assertName(name: string): string {
  if (!ELEMENT_NAME.test(name)) throw new Error(`invalid XML element name: ${name}`);
  return name;
}

/** ISO-8601 with second precision, as IAM and STS write timestamps: 2024-01-02T03:04:05Z. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function writeValue(value: XmlValue): string {
  if (typeof value === 'string') return escapeXml(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '0';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return isoSeconds(value);
  if (value instanceof XmlMap) {
    return value.entries
      .map(([key, entryValue]) => `<entry><key>${escapeXml(key)}</key><value>${writeValue(entryValue)}</value></entry>`)
      .join('');
  }
  if (Array.isArray(value)) {
    return (value as readonly XmlValue[]).map((item) => `<member>${writeValue(item)}</member>`).join('');
  }
  return writeFields(value as { readonly [key: string]: XmlValue | undefined | null });
}

function writeFields(fields: { readonly [key: string]: XmlValue | undefined | null }): string {
  let out = '';
  for (const [key, fieldValue] of Object.entries(fields)) {
    if (fieldValue === undefined || fieldValue === null) continue;
    out += element(key, fieldValue);
  }
  return out;
}

export function element(name: string, value: XmlValue): string {
  const tag = assertName(name);
  const inner = writeValue(value);
  return inner === '' ? `<${tag}/>` : `<${tag}>${inner}</${tag}>`;
}

/** `<ActionResponse xmlns><ActionResult>…</ActionResult><ResponseMetadata/></ActionResponse>`. */
export function queryResponse(
  action: string,
  namespace: string,
  result: { readonly [key: string]: XmlValue | undefined | null } | null,
  requestId: string,
): string {
  const name = assertName(action);
  const resultXml = result === null ? '' : element(`${name}Result`, result);
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<${name}Response xmlns="${escapeXml(namespace)}">${resultXml}` +
    `<ResponseMetadata><RequestId>${escapeXml(requestId)}</RequestId></ResponseMetadata></${name}Response>\n`
  );
}

export function queryErrorResponse(
  namespace: string,
  error: { type: 'Sender' | 'Receiver'; code: string; message: string },
  requestId: string,
): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<ErrorResponse xmlns="${escapeXml(namespace)}"><Error><Type>${error.type}</Type>` +
    `<Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message></Error>` +
    `<RequestId>${escapeXml(requestId)}</RequestId></ErrorResponse>\n`
  );
}

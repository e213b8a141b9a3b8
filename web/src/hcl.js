// Terraform (HCL) colouring for CodeMirror: a small stream tokenizer of our own. It colours
// comments, strings with their ${...} and %{...} templates, heredocs, numbers, block keywords,
// attribute names, function calls and literals; it never has to be right about structure.
import { StreamLanguage } from "@codemirror/language";
import { tags } from "@lezer/highlight";

const BLOCK_KEYWORDS = new Set([
  "resource",
  "data",
  "variable",
  "output",
  "locals",
  "module",
  "provider",
  "terraform",
  "dynamic",
  "moved",
  "import",
  "check",
  "removed",
]);
const EXPRESSION_KEYWORDS = new Set(["for", "in", "if", "else", "endif", "endfor"]);
const LITERALS = new Set(["true", "false", "null"]);

/**
 * The tokenizer's state: a stack of open contexts ("string", "template" for `${`, "heredoc"
 * with its end marker, each template with how many braces are open inside it), and whether a
 * block comment is open.
 */
function startState() {
  return { stack: [], inComment: false };
}

function top(state) {
  return state.stack[state.stack.length - 1];
}

function copyState(state) {
  return { stack: state.stack.map((context) => ({ ...context })), inComment: state.inComment };
}

/** Inside a quoted string or a heredoc's body: text up to the next template or the end. */
function tokenText(stream, state, context) {
  if (context.kind === "heredoc" && stream.sol()) {
    const end = stream.match(/^\s*([A-Za-z_][\w-]*)\s*$/, false);
    if (end && end[1] === context.marker) {
      stream.skipToEnd();
      state.stack.pop();
      return "string";
    }
  }
  if (stream.match(/^[$%]\{/)) {
    state.stack.push({ kind: "template", depth: 0 });
    return "meta";
  }
  while (!stream.eol()) {
    const next = stream.peek();
    if (context.kind === "string" && next === '"') {
      stream.next();
      state.stack.pop();
      return "string";
    }
    if (context.kind === "string" && next === "\\") {
      stream.next();
      stream.next();
      continue;
    }
    if ((next === "$" || next === "%") && stream.string.charAt(stream.pos + 1) === "{") {
      // $${ and %%{ are escapes, not templates.
      if (stream.string.charAt(stream.pos - 1) === next) {
        stream.next();
        continue;
      }
      break;
    }
    stream.next();
  }
  return "string";
}

function token(stream, state) {
  const context = top(state);
  if (context && context.kind !== "template") return tokenText(stream, state, context);

  if (stream.eatSpace()) return null;
  if (stream.match("#") || stream.match("//")) {
    stream.skipToEnd();
    return "comment";
  }
  if (state.inComment || stream.match("/*")) {
    state.inComment = !stream.skipTo("*/");
    if (!state.inComment) stream.match("*/");
    else stream.skipToEnd();
    return "blockComment";
  }
  const heredoc = stream.match(/^<<-?\s*([A-Za-z_][\w-]*)\s*$/);
  if (heredoc) {
    state.stack.push({ kind: "heredoc", marker: heredoc[1] });
    return "string";
  }
  if (stream.eat('"')) {
    state.stack.push({ kind: "string" });
    return "string";
  }
  if (context && context.kind === "template") {
    if (stream.eat("{")) {
      context.depth += 1;
      return "brace";
    }
    if (stream.eat("}")) {
      if (context.depth === 0) {
        state.stack.pop();
        return "meta";
      }
      context.depth -= 1;
      return "brace";
    }
  }
  if (stream.match(/^\d+(\.\d+)?([eE][+-]?\d+)?/)) return "number";
  const word = stream.match(/^[A-Za-z_][\w-]*/);
  if (word) {
    const name = word[0];
    if (LITERALS.has(name)) return "atom";
    if (EXPRESSION_KEYWORDS.has(name)) return "keyword";
    if (stream.match(/^\s*\(/, false)) return "functionName";
    if (stream.match(/^\s*=(?!=)/, false)) return "propertyName";
    if (BLOCK_KEYWORDS.has(name) && stream.match(/^\s*("|\{|[A-Za-z_])/, false)) {
      return "keyword";
    }
    if (stream.match(/^\s*\{/, false)) return "typeName";
    return "variableName";
  }
  if (stream.match(/^(==|!=|<=|>=|&&|\|\||=>|\.\.\.|[-+*/%<>=!?:])/)) return "operator";
  if (stream.match(/^[{}]/)) return "brace";
  if (stream.match(/^[[\]()]/)) return "bracket";
  stream.next();
  return null;
}

export const hcl = StreamLanguage.define({
  name: "hcl",
  startState,
  copyState,
  token,
  languageData: { commentTokens: { line: "#", block: { open: "/*", close: "*/" } } },
  tokenTable: { functionName: tags.function(tags.variableName) },
});

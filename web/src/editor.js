// The editor: CodeMirror 6 with Terraform colouring, line numbers, search, undo, and one
// EditorState per open file (each tab keeps its own undo history). Lines a finding points at
// are marked with line decorations.
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { bracketMatching, indentOnInput, syntaxHighlighting } from "@codemirror/language";
import { highlightSelectionMatches, searchKeymap } from "@codemirror/search";
import { EditorState, StateEffect, StateField } from "@codemirror/state";
import {
  Decoration,
  EditorView,
  drawSelection,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from "@codemirror/view";
import { classHighlighter } from "@lezer/highlight";

import { hcl } from "./hcl.js";

/** Marks lines [first, last] (1-based), or clears the marks with null. */
const markLines = StateEffect.define();

const marked = StateField.define({
  create: () => Decoration.none,
  update(marks, transaction) {
    let next = marks.map(transaction.changes);
    for (const effect of transaction.effects) {
      if (!effect.is(markLines)) continue;
      next = Decoration.none;
      if (effect.value === null) continue;
      const { doc } = transaction.state;
      const first = Math.max(1, Math.min(effect.value.first, doc.lines));
      const last = Math.max(first, Math.min(effect.value.last, doc.lines));
      const ranges = [];
      for (let line = first; line <= last; line += 1) {
        ranges.push(Decoration.line({ class: "tf-marked" }).range(doc.line(line).from));
      }
      next = Decoration.set(ranges);
    }
    // Typing in the file clears the marks: the lines no longer mean what the finding said.
    if (transaction.docChanged && !transaction.effects.some((effect) => effect.is(markLines))) {
      next = Decoration.none;
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

/**
 * Creates the editor in `parent`. `onChange(path, text)` is called on every edit of a file.
 * Returns the functions the page drives it with.
 */
export function createEditor(parent, onChange) {
  let currentPath = null;
  const states = new Map();

  const extensions = (path, editable) => [
    lineNumbers(),
    highlightActiveLineGutter(),
    history(),
    drawSelection(),
    indentOnInput(),
    bracketMatching(),
    highlightActiveLine(),
    highlightSelectionMatches(),
    syntaxHighlighting(classHighlighter),
    hcl,
    marked,
    EditorState.tabSize.of(2),
    EditorState.readOnly.of(!editable),
    EditorView.editable.of(editable),
    EditorView.contentAttributes.of({ "aria-label": `Contents of ${path}` }),
    keymap.of([...defaultKeymap, ...historyKeymap, ...searchKeymap]),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) onChange(path, update.state.doc.toString());
    }),
  ];

  const view = new EditorView({ parent, state: EditorState.create({ doc: "" }) });

  return {
    view,
    get path() {
      return currentPath;
    },
    /** Shows `file` ({ path, text, editable }); its state (text, undo, cursor) is kept. */
    open(file) {
      if (currentPath !== null) states.set(currentPath, view.state);
      let state = states.get(file.path);
      if (!state) {
        state = EditorState.create({
          doc: file.text,
          extensions: extensions(file.path, file.editable),
        });
        states.set(file.path, state);
      }
      currentPath = file.path;
      view.setState(state);
    },
    /** Forgets every file (a new set of files was opened). */
    reset() {
      states.clear();
      currentPath = null;
      view.setState(EditorState.create({ doc: "" }));
    },
    forget(path) {
      states.delete(path);
    },
    /** Marks lines first..last of the open file, selects the first and scrolls it to the middle. */
    mark(first, last) {
      const { doc } = view.state;
      const line = doc.line(Math.max(1, Math.min(first, doc.lines)));
      view.dispatch({
        effects: [
          markLines.of({ first, last }),
          EditorView.scrollIntoView(line.from, { y: "center" }),
        ],
        selection: { anchor: line.from },
      });
      view.focus();
    },
  };
}

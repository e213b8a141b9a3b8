// tfscan's API, for ES modules: the same declarations as CommonJS's (index.d.cts).
export * from "./index.cjs";

// Bundle each widget's ES module, src/<widget>.js with everything it imports, into one file,
// <widget>.js next to this script: the `_esm` anywidget loads (an anywidget module cannot import
// its sibling files). The bundles are committed, so learners need no Node; tests/widgets/
// test_frontend_bundles.py rebuilds them into a temporary folder and fails when one differs.
//
//   npm run build                       rewrite the committed bundles
//   npm run watch                       rebuild on every save (ANYWIDGET_HMR=1)
//   node recall_widgets/widgets/frontend/build.mjs --src DIR --out DIR   bundle another copy of src/
//   node recall_widgets/widgets/frontend/build.mjs --runtime [--out DIR]   the static runtime:
//        recall_widgets/publishing/static/src/recall-runtime.js with the i18n.js it imports, one
//        classic script (an IIFE), recall_widgets/publishing/static/recall-runtime.js
//   node recall_widgets/widgets/frontend/build.mjs --src course/flask_course/assets/src \
//        --out course/flask_course/assets --widgets cookie_inspector \
//        --from course/flask_course/assets/src/                         a course's own widget
//
// A course's widget imports the engine's shared front end as "@recall-widgets/frontend/common.js"
// (an alias of this folder's src/), so its bundle holds what it uses of the engine.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import * as esbuild from "esbuild";

/** The widgets, one entry module each (`src/flashcards.js`) and one bundle (`flashcards.js`). */
export const WIDGETS = ["flashcards", "quiz", "recall_prompt", "review", "dashboard", "exercise"];

const here = path.dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    src: { type: "string", default: path.join(here, "src") },
    out: { type: "string", default: here },
    watch: { type: "boolean", default: false },
    widgets: { type: "string", default: WIDGETS.join(",") },
    // The sources' folder as the banner names it (the same bytes from a temporary copy).
    from: { type: "string", default: "recall_widgets/widgets/frontend/src/" },
    runtime: { type: "boolean", default: false },
  },
});
const src = path.resolve(values.src);


/** @type {import("esbuild").BuildOptions} */
const options = {
  // Paths in the bundles' comments ("// src/common.js") are relative to the folder holding
  // src/, so a bundle is the same bytes from any checkout or temporary copy.
  absWorkingDir: path.dirname(src),
  entryPoints: values.widgets.split(",").map((name) => path.join(src, `${name}.js`)),
  alias: { "@recall-widgets/frontend": path.join(here, "src") },
  outdir: path.resolve(values.out),
  bundle: true,
  format: "esm",
  target: "es2022",
  charset: "utf8", // "…", "✓" stay readable (a module is always read as UTF-8)
  minify: false,
  sourcemap: false,
  legalComments: "none",
  banner: { js: `// Built by \`npm run build\` from ${values.from}: edit the files there, not this one.` },
  logLevel: "warning",
};

if (values.runtime) {
  const root = path.resolve(here, "..", "..", "..");
  const entry = path.join(root, "recall_widgets", "publishing", "static", "src", "recall-runtime.js");
  const out = values.out === here ? path.join(root, "recall_widgets", "publishing", "static") : path.resolve(values.out);
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile: path.join(out, "recall-runtime.js"),
    bundle: true,
    format: "iife",
    target: "es2020",
    charset: "utf8",
    minify: false,
    sourcemap: false,
    legalComments: "none",
    banner: {
      js: "// Built by `npm run build` from recall_widgets/publishing/static/src/recall-runtime.js: edit it there, not here.",
    },
    logLevel: "warning",
  });
} else if (values.watch) {
  const context = await esbuild.context({ ...options, logLevel: "info" });
  await context.watch();
} else {
  await esbuild.build(options);
}

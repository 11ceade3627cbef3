import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    // .cache/: generated files (the docs-blocks harness writes the README's code blocks there as modules).
    ignores: ["dist/**", "node_modules/**", "docs/api/**", "coverage/**", "bench/.peers/**", ".cache/**"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // The core must run on every runtime: no Node built-ins outside src/testing (and the Node-only entry points).
    files: ["src/**/*.ts"],
    ignores: ["src/testing/**", "src/cli/**", "src/dumps/**", "src/core/cache-sqlite.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["node:*"],
              message:
                "The core must stay runtime-neutral: no node: imports outside src/testing and src/cli.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["**/*.mjs", "**/*.js", "**/*.cjs"],
    languageOptions: {
      globals: {
        process: "readonly",
        console: "readonly",
        URL: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
        fetch: "readonly",
        performance: "readonly",
        Buffer: "readonly",
        require: "readonly",
        module: "writable",
        __dirname: "readonly",
      },
    },
  },
);

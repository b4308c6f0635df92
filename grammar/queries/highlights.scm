; Syntax highlighting for LaTeX as resumes use it.

(comment) @comment

(command_name) @function

(begin
  "\\begin" @keyword
  name: (group (text) @module))

(end
  "\\end" @keyword
  name: (group (text) @module))

[
  (inline_math)
  (display_math)
] @markup.math

(escape) @string.escape

(verb) @markup.raw

(parameter) @variable.parameter

[
  (line_break)
  (alignment_tab)
  (nbsp)
] @punctuation.special

(dash) @punctuation.delimiter

[
  "{"
  "}"
  "["
  "]"
] @punctuation.bracket

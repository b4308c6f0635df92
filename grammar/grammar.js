/**
 * @file Tree-sitter grammar for LaTeX as resumes use it.
 *
 * The grammar knows generic LaTeX structure only: commands with their
 * optional and required arguments, groups, environments, comments, math,
 * escapes, line breaks, dashes and plain text. It knows nothing about
 * macro arity: every `{...}` and `[...]` that follows a command name is
 * attached to it, and the consumer decides how many it takes.
 */

/// <reference types="tree-sitter-cli/dsl" />
// @ts-check

// Delimiters accepted by `\verb` (a regular grammar cannot express "the same
// character again", so the usual ones are listed).
const VERB_DELIMITERS = [
  '|', '+', '!', '/', '"', '\'', '=', '-', ':', ';', '.', ',', '#', '@',
  '^', '~', '_', '?', '&', '<', '>', '`', '*',
];

const REGEX_META = '\\^$.|?*+()[]{}-/';

/**
 * @param {string} ch
 * @returns {string}
 */
function regexEscape(ch) {
  return REGEX_META.includes(ch) ? '\\' + ch : ch;
}

module.exports = grammar({
  name: 'resume_latex',

  // A UTF-8 byte order mark counts as whitespace.
  extras: $ => [/[ \t\r\f\v\uFEFF]+/, /\n/, $.comment],

  // src/scanner.c recognises:
  // - the paragraph break (a token that starts with a newline would otherwise
  //   swallow the whitespace that separates ordinary tokens);
  // - a `$` that opens inline math, which it only is when another `$` follows
  //   before the paragraph ends (TeX ends math at a paragraph break too); any
  //   other `$` is a stray (`Saved $5K`) and becomes `text`, so one typo does
  //   not turn the rest of the document into math;
  // - the end of the line that holds `\begin{name}`: environment arguments
  //   are taken from that line only, so `\begin{center}` followed by
  //   `{\Huge Name}` on the next line keeps the name as content;
  // - the end of a group or optional argument that is never closed: a blank
  //   line ends an unclosed `{` (one with no matching `}` within the next
  //   eight blank lines) and any open `[`, and the end of the file ends both,
  //   so one missing brace only affects its own paragraph;
  // - the raw body of a `comment`, `verbatim` or `lstlisting` environment, up
  //   to the `\end{...}` of one of those names.
  externals: $ => [
    $._blank_line,
    $._inline_math_open,
    $._stray_dollar,
    $._begin_line_end,
    $._unclosed_end,
    $._verbatim_body,
    $._error_sentinel,
  ],

  conflicts: _ => [],

  rules: {
    source_file: $ => repeat($._content),

    // Everything that may appear in text mode.
    _content: $ => choice(
      $._common,
      $.environment,
      $.inline_math,
      $.display_math,
      $._blank_line,
      alias($._stray_dollar, $.text),
      alias('[', $.text),
      alias(']', $.text),
    ),

    // Inside `[...]` a `]` closes the argument (and a blank line ends an
    // unclosed one).
    _optional_content: $ => choice(
      $._common,
      $.environment,
      $.inline_math,
      $.display_math,
      alias($._stray_dollar, $.text),
      alias('[', $.text),
    ),

    // Inside math a `$` closes the formula; `{...}` still opens text mode
    // again through `group`, so `$\hbox{\tiny$\bullet$}$` nests.
    _math_content: $ => choice(
      $._common,
      $.environment,
      alias('[', $.text),
      alias(']', $.text),
    ),

    _common: $ => choice(
      $.command,
      $.group,
      $.escape,
      $.line_break,
      $.dash,
      $.nbsp,
      $.verb,
      $.parameter,
      $.alignment_tab,
      $.text,
      alias('#', $.text),
    ),

    command: $ => prec.right(seq(
      field('name', $.command_name),
      repeat($._argument),
    )),

    _argument: $ => choice(
      field('optional', $.optional_argument),
      field('argument', $.group),
    ),

    command_name: _ => /\\[a-zA-Z@]+\*?/,

    group: $ => seq('{', repeat($._content), choice('}', $._unclosed_end)),

    optional_argument: $ => seq(
      '[',
      repeat($._optional_content),
      choice(']', $._unclosed_end),
    ),

    // `\end` is optional so that an unfinished environment (no
    // `\end{document}` yet) still parses cleanly; the names of `\begin` and
    // `\end` are not compared.
    environment: $ => choice(
      prec.right(seq(
        field('begin', $.begin),
        repeat($._content),
        optional(field('end', $.end)),
      )),
      // Environments whose body LaTeX does not parse (`comment` from the
      // verbatim package is the usual way to hide part of a resume): the
      // body is one `verbatim_content` node, so unbalanced braces in it do
      // not matter.
      prec.right(seq(
        field('begin', alias($._verbatim_begin, $.begin)),
        optional(alias($._verbatim_body, $.verbatim_content)),
        optional(field('end', $.end)),
      )),
    ),

    _verbatim_begin: $ => prec.right(seq(
      '\\begin',
      field('name', alias($._verbatim_name, $.group)),
      repeat($._argument),
      optional($._begin_line_end),
    )),

    _verbatim_name: $ => seq(
      '{',
      alias(choice('comment', 'verbatim', 'verbatim*', 'lstlisting'), $.text),
      '}',
    ),

    begin: $ => prec.right(seq(
      '\\begin',
      field('name', $.group),
      repeat($._argument),
      optional($._begin_line_end),
    )),

    end: $ => seq(
      '\\end',
      field('name', $.group),
    ),

    inline_math: $ => choice(
      seq(alias($._inline_math_open, '$'), repeat($._math_content), '$'),
      seq('\\(', repeat($._math_content), '\\)'),
    ),

    display_math: $ => choice(
      seq('$$', repeat($._math_content), '$$'),
      seq('\\[', repeat($._math_content), '\\]'),
    ),

    // The line ending (`\n` or `\r\n`) is not part of the comment.
    comment: _ => token(seq('%', /[^\r\n]*/)),

    escape: _ => /\\[^a-zA-Z@\\]/,

    line_break: _ => /\\\\\*?([ \t]*\[[^\]\n]*\])?/,

    dash: _ => /---?/,

    nbsp: _ => '~',

    verb: _ => token(choice(...VERB_DELIMITERS.map(d => {
      const e = regexEscape(d);
      return new RegExp(`\\\\verb\\*?${e}[^${e}\\n]*${e}`);
    }))),

    parameter: _ => /#+[1-9]/,

    alignment_tab: _ => '&',

    // A run of ordinary characters. A single `-` may sit inside a word
    // (`well-known`); two or more form a `dash`.
    text: _ => token(choice(
      /([^\\{}\[\]$%&~#\s\-\uFEFF]|-[^\\{}\[\]$%&~#\s\-\uFEFF])+/,
      '-',
    )),
  },
});

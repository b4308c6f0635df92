// External scanner for the resume LaTeX grammar.
//
// It recognises three tokens, all of which need to look further than a
// regular expression can:
// - BLANK_LINE: a paragraph break (a line that holds only whitespace), so
//   that arguments do not attach to a command across an empty line;
// - INLINE_MATH_OPEN: a `$` that has a closing `$` later in the same
//   paragraph;
// - STRAY_DOLLAR: any other single `$`;
// - BEGIN_LINE_END: a zero-width token at the end of the line that holds
//   `\begin{name}` and its arguments, so that a group on the next line is
//   content rather than an environment argument;
// - UNCLOSED_END: the end of a `{` group that is never closed (no matching
//   `}` later in the file), at the next blank line or the end of the file,
//   and of a `[` optional argument at the next blank line or the end of the
//   file. It consumes the blank line, or is zero-width at the end of the file;
// - VERBATIM_BODY: the raw body of a `comment`, `verbatim`, `verbatim*` or
//   `lstlisting` environment, up to `\end{...}` with one of those names or
//   the end of the file.
// Everything else is lexed by the generated lexer.

#include "tree_sitter/parser.h"

enum TokenType {
  BLANK_LINE,
  INLINE_MATH_OPEN,
  STRAY_DOLLAR,
  BEGIN_LINE_END,
  UNCLOSED_END,
  VERBATIM_BODY,
  ERROR_SENTINEL,
};

void *tree_sitter_resume_latex_external_scanner_create(void) { return NULL; }

void tree_sitter_resume_latex_external_scanner_destroy(void *payload) {
  (void)payload;
}

unsigned tree_sitter_resume_latex_external_scanner_serialize(void *payload,
                                                             char *buffer) {
  (void)payload;
  (void)buffer;
  return 0;
}

void tree_sitter_resume_latex_external_scanner_deserialize(void *payload,
                                                           const char *buffer,
                                                           unsigned length) {
  (void)payload;
  (void)buffer;
  (void)length;
}

static bool is_horizontal_space(int32_t c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' ||
         c == 0xFEFF;
}

// After an opening `$` or `$$` (already consumed): is there a closing `$`
// (or `$$` when `double_dollar`) before the paragraph ends? Escaped
// characters and comments are skipped.
static bool has_closing_dollar(TSLexer *lexer, bool double_dollar) {
  for (;;) {
    if (lexer->eof(lexer)) {
      return false;
    }
    int32_t c = lexer->lookahead;
    if (c == '$') {
      if (!double_dollar) {
        return true;
      }
      lexer->advance(lexer, false);
      if (lexer->lookahead == '$') {
        return true;
      }
      continue;
    }
    if (c == '\\') {
      lexer->advance(lexer, false);
      if (lexer->eof(lexer)) {
        return false;
      }
      if (lexer->lookahead != '\n') {
        lexer->advance(lexer, false);
      }
      continue;
    }
    if (c == '%') {
      while (!lexer->eof(lexer) && lexer->lookahead != '\n') {
        lexer->advance(lexer, false);
      }
      continue;
    }
    if (c == '\n') {
      lexer->advance(lexer, false);
      while (is_horizontal_space(lexer->lookahead)) {
        lexer->advance(lexer, false);
      }
      if (lexer->lookahead == '\n') {
        return false;
      }
      continue;
    }
    lexer->advance(lexer, false);
  }
}

// How many further blank lines a blank line inside a group may look across
// for the group's `}`. A group whose `}` lies further away is treated as
// unclosed. The bound keeps parsing linear: every character is looked at by
// at most this many scans (plus one).
#define MAX_BLANK_LINES_AHEAD 8

// Inside a group, after a blank line: does a `}` that closes the group follow
// within the next few paragraphs? Escaped characters and comments are
// skipped.
static bool group_closes_later(TSLexer *lexer) {
  unsigned depth = 0;
  unsigned blank_lines = 0;
  while (!lexer->eof(lexer)) {
    int32_t c = lexer->lookahead;
    if (c == '\\') {
      lexer->advance(lexer, false);
      if (!lexer->eof(lexer) && lexer->lookahead != '\n') {
        lexer->advance(lexer, false);
      }
      continue;
    }
    if (c == '%') {
      while (!lexer->eof(lexer) && lexer->lookahead != '\n') {
        lexer->advance(lexer, false);
      }
      continue;
    }
    if (c == '\n') {
      lexer->advance(lexer, false);
      while (is_horizontal_space(lexer->lookahead)) {
        lexer->advance(lexer, false);
      }
      if (lexer->lookahead == '\n') {
        blank_lines++;
        if (blank_lines > MAX_BLANK_LINES_AHEAD) {
          return false;
        }
        while (lexer->lookahead == '\n' ||
               is_horizontal_space(lexer->lookahead)) {
          lexer->advance(lexer, false);
        }
      }
      continue;
    }
    if (c == '{') {
      depth++;
    } else if (c == '}') {
      if (depth == 0) {
        return true;
      }
      depth--;
    }
    lexer->advance(lexer, false);
  }
  return false;
}

static bool is_verbatim_name(const char *name, unsigned length) {
  static const char *const NAMES[] = {"comment", "verbatim", "verbatim*",
                                      "lstlisting"};
  for (unsigned i = 0; i < sizeof(NAMES) / sizeof(NAMES[0]); i++) {
    unsigned j = 0;
    while (NAMES[i][j] != 0 && j < length && NAMES[i][j] == name[j]) {
      j++;
    }
    if (NAMES[i][j] == 0 && j == length) {
      return true;
    }
  }
  return false;
}

// At a backslash: consumes `\end{name}` as far as it matches and says
// whether it is the end of a verbatim-like environment.
static bool at_verbatim_end(TSLexer *lexer) {
  static const char END[] = "\\end{";
  for (unsigned i = 0; END[i] != 0; i++) {
    if (lexer->lookahead != END[i]) {
      return false;
    }
    lexer->advance(lexer, false);
  }
  char name[16];
  unsigned length = 0;
  while (length < sizeof(name) && !lexer->eof(lexer) &&
         lexer->lookahead != '}' && lexer->lookahead != '\n') {
    name[length++] = (char)lexer->lookahead;
    lexer->advance(lexer, false);
  }
  return lexer->lookahead == '}' && is_verbatim_name(name, length);
}

// The body of a verbatim-like environment: everything up to its `\end`.
static bool scan_verbatim_body(TSLexer *lexer) {
  bool any = false;
  while (!lexer->eof(lexer)) {
    if (lexer->lookahead == '\\') {
      lexer->mark_end(lexer);
      if (at_verbatim_end(lexer)) {
        if (!any) {
          return false;
        }
        lexer->result_symbol = VERBATIM_BODY;
        return true;
      }
      any = true;
      continue;
    }
    lexer->advance(lexer, false);
    any = true;
  }
  if (!any) {
    return false;
  }
  lexer->mark_end(lexer);
  lexer->result_symbol = VERBATIM_BODY;
  return true;
}

bool tree_sitter_resume_latex_external_scanner_scan(void *payload,
                                                    TSLexer *lexer,
                                                    const bool *valid_symbols) {
  (void)payload;
  // During error recovery every symbol is valid; let the generated lexer
  // handle the input then.
  if (valid_symbols[ERROR_SENTINEL]) {
    return false;
  }
  if (valid_symbols[BEGIN_LINE_END]) {
    while (is_horizontal_space(lexer->lookahead)) {
      lexer->advance(lexer, true);
    }
    if (lexer->lookahead == '\n') {
      lexer->mark_end(lexer);
      lexer->result_symbol = BEGIN_LINE_END;
      return true;
    }
  }

  if (valid_symbols[VERBATIM_BODY]) {
    // Arguments on the `\begin` line (`\begin{lstlisting}[language=C]`) are
    // parsed as such.
    if (valid_symbols[BEGIN_LINE_END] &&
        (lexer->lookahead == '[' || lexer->lookahead == '{')) {
      return false;
    }
    return scan_verbatim_body(lexer);
  }

  bool blank_valid = valid_symbols[BLANK_LINE];
  bool unclosed_valid = valid_symbols[UNCLOSED_END];
  bool dollar_valid =
      valid_symbols[INLINE_MATH_OPEN] || valid_symbols[STRAY_DOLLAR];
  if (!blank_valid && !unclosed_valid && !dollar_valid) {
    return false;
  }

  // Skip the whitespace in front of the token; a second newline makes a
  // paragraph break.
  bool seen_newline = false;
  for (;;) {
    int32_t c = lexer->lookahead;
    if (is_horizontal_space(c)) {
      lexer->advance(lexer, true);
    } else if (c == '\n') {
      if (seen_newline && (blank_valid || unclosed_valid)) {
        // Take this newline and any further empty lines.
        for (;;) {
          if (lexer->lookahead == '\n') {
            lexer->advance(lexer, false);
            lexer->mark_end(lexer);
          } else if (is_horizontal_space(lexer->lookahead)) {
            lexer->advance(lexer, false);
          } else {
            break;
          }
        }
        // In a group (where a blank line is also content) the group ends
        // here only if it is never closed; an optional argument always
        // ends at a blank line.
        if (unclosed_valid && (!blank_valid || !group_closes_later(lexer))) {
          lexer->result_symbol = UNCLOSED_END;
          return true;
        }
        if (!blank_valid) {
          return false;
        }
        lexer->result_symbol = BLANK_LINE;
        return true;
      }
      seen_newline = true;
      lexer->advance(lexer, true);
    } else {
      break;
    }
  }

  if (unclosed_valid && lexer->eof(lexer)) {
    lexer->mark_end(lexer);
    lexer->result_symbol = UNCLOSED_END;
    return true;
  }

  if (dollar_valid && lexer->lookahead == '$') {
    lexer->advance(lexer, false);
    lexer->mark_end(lexer);
    if (lexer->lookahead == '$') {
      // `$$` opens display math (lexed by the generated lexer) when a
      // closing `$$` follows in the paragraph; otherwise the first `$` is a
      // stray.
      lexer->advance(lexer, false);
      if (has_closing_dollar(lexer, true)) {
        return false;
      }
      if (valid_symbols[STRAY_DOLLAR]) {
        lexer->result_symbol = STRAY_DOLLAR;
        return true;
      }
      return false;
    }
    if (valid_symbols[INLINE_MATH_OPEN] && has_closing_dollar(lexer, false)) {
      lexer->result_symbol = INLINE_MATH_OPEN;
      return true;
    }
    if (valid_symbols[STRAY_DOLLAR]) {
      lexer->result_symbol = STRAY_DOLLAR;
      return true;
    }
  }
  return false;
}

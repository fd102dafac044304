#pragma once

#include "platform/templates/TemplateAst.h"

#include <string>
#include <string_view>

namespace pipit
{

/// Splits template text into Tornado chunks (text, `{{ expr }}`, `{% statement %}`, `{# comment #}`) and builds
/// the statement tree. Follows Tornado's rules: the innermost of several `{` opens a tag, `{{!`/`{%!`/`{#!` emit
/// the braces literally, every block closes with `{% end %}`. `import`/`from` are forbidden; `include`,
/// `extends`, `module`, `block`, `apply` are not supported. `line_offset` is added to reported line numbers.
class TemplateParser
{
public:
    TemplateParser(std::string_view text, int line_offset);

    template_ast::NodeList parse();

private:
    /// Parses chunks until `{% end %}` (in_block set) or the end of input; intermediate tags (`else`, `elif`,
    /// `except`, `finally`) are returned through `stop_tag` so the caller can build branches.
    template_ast::NodeList parseBody(const std::string & in_block, bool in_loop, std::string & stop_tag, std::string & stop_suffix,
                                     int & stop_line, int open_line);

    [[noreturn]] void fail(const std::string & message, int line) const;
    int lineAt(size_t pos) const;

    std::string_view text_;
    int line_offset_;
    size_t pos_ = 0;
    mutable size_t line_cache_pos_ = 0;
    mutable int line_cache_line_ = 1;
};

} // namespace pipit

#include "platform/templates/TemplateParser.h"

#include "platform/templates/TemplateError.h"
#include "platform/templates/TemplateExpressionParser.h"

#include <algorithm>

namespace pipit
{

using namespace template_ast;

namespace
{

std::string strip(std::string_view s)
{
    size_t b = 0;
    size_t e = s.size();
    while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\n' || s[b] == '\r'))
        ++b;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\n' || s[e - 1] == '\r'))
        --e;
    return std::string(s.substr(b, e - b));
}

constexpr int max_block_depth = 64;

}

TemplateParser::TemplateParser(std::string_view text, int line_offset)
    : text_(text)
    , line_offset_(line_offset)
{
}

int TemplateParser::lineAt(size_t pos) const
{
    /// Positions are queried in increasing order while parsing: count forward from the last answer.
    if (pos < line_cache_pos_)
    {
        line_cache_pos_ = 0;
        line_cache_line_ = 1;
    }
    for (size_t i = line_cache_pos_; i < pos && i < text_.size(); ++i)
        if (text_[i] == '\n')
            ++line_cache_line_;
    line_cache_pos_ = std::max(line_cache_pos_, std::min(pos, text_.size()));
    return line_cache_line_ + line_offset_;
}

void TemplateParser::fail(const std::string & message, int line) const
{
    throw TemplateError(message + " at <string>:" + std::to_string(line));
}

NodeList TemplateParser::parse()
{
    std::string stop_tag;
    std::string stop_suffix;
    int stop_line = 0;
    return parseBody("", false, stop_tag, stop_suffix, stop_line, 0);
}

NodeList TemplateParser::parseBody(
    const std::string & in_block, bool in_loop, std::string & stop_tag, std::string & stop_suffix, int & stop_line, int open_line)
{
    static thread_local int depth = 0;
    struct DepthGuard
    {
        DepthGuard() { ++depth; }
        ~DepthGuard() { --depth; }
    } guard;
    if (depth > max_block_depth)
        throw TemplateError("Template Syntax Error: blocks nested too deeply");

    NodeList body;
    auto append_text = [&](std::string_view text, size_t at)
    {
        if (text.empty())
            return;
        if (!body.empty() && body.back()->kind == NodeKind::Text)
        {
            auto merged = std::make_shared<Node>(*body.back());
            merged->text += text;
            body.back() = merged;
            return;
        }
        auto node = std::make_shared<Node>();
        node->kind = NodeKind::Text;
        node->line = lineAt(at);
        node->text = std::string(text);
        body.push_back(node);
    };

    while (true)
    {
        /// Find the next tag start: '{' followed by '{', '%' or '#', using the innermost of a run of '{'.
        size_t curly = pos_;
        while (true)
        {
            curly = text_.find('{', curly);
            if (curly == std::string_view::npos || curly + 1 >= text_.size())
            {
                curly = std::string_view::npos;
                break;
            }
            char next = text_[curly + 1];
            if (next != '{' && next != '%' && next != '#')
            {
                ++curly;
                continue;
            }
            if (curly + 2 < text_.size() && next == '{' && text_[curly + 2] == '{')
            {
                ++curly;
                continue;
            }
            break;
        }
        if (curly == std::string_view::npos)
        {
            if (!in_block.empty())
                throw TemplateError("Missing {% end %} block for " + in_block + " at line " + std::to_string(open_line));
            append_text(text_.substr(pos_), pos_);
            pos_ = text_.size();
            return body;
        }
        append_text(text_.substr(pos_, curly - pos_), pos_);
        int tag_line = lineAt(curly);
        std::string start_brace(text_.substr(curly, 2));
        pos_ = curly + 2;

        if (pos_ < text_.size() && text_[pos_] == '!')
        {
            ++pos_;
            append_text(start_brace, curly);
            continue;
        }

        if (start_brace == "{#")
        {
            size_t end = text_.find("#}", pos_);
            if (end == std::string_view::npos)
                fail("Missing end comment #}", tag_line);
            pos_ = end + 2;
            continue;
        }

        if (start_brace == "{{")
        {
            size_t end = text_.find("}}", pos_);
            if (end == std::string_view::npos)
                fail("Missing end expression }}", tag_line);
            std::string contents = strip(text_.substr(pos_, end - pos_));
            pos_ = end + 2;
            if (contents.empty())
                fail("Empty expression", tag_line);
            auto node = std::make_shared<Node>();
            node->kind = NodeKind::Output;
            node->line = tag_line;
            node->source = contents;
            node->expr = TemplateExpressionParser(contents, tag_line).parseExpressionList();
            body.push_back(node);
            continue;
        }

        /// "{%" statement.
        size_t end = text_.find("%}", pos_);
        if (end == std::string_view::npos)
            fail("Missing end block %}", tag_line);
        std::string contents = strip(text_.substr(pos_, end - pos_));
        pos_ = end + 2;
        if (contents.empty())
            fail("Empty block tag ({% %})", tag_line);
        size_t space = contents.find_first_of(" \t\n\r");
        std::string op = contents.substr(0, space);
        std::string suffix = space == std::string::npos ? "" : strip(std::string_view(contents).substr(space));

        if (op == "else" || op == "elif" || op == "except" || op == "finally")
        {
            if (in_block.empty())
            {
                const char * parents = op == "else" ? "{'if', 'for', 'while', 'try'}" : (op == "elif" ? "{'if'}" : "{'try'}");
                fail(op + " outside " + parents + " block", tag_line);
            }
            bool allowed = (op == "else" && (in_block == "if" || in_block == "for" || in_block == "while" || in_block == "try"))
                || (op == "elif" && in_block == "if") || ((op == "except" || op == "finally") && in_block == "try");
            if (!allowed)
                fail(op + " block cannot be attached to " + in_block + " block", tag_line);
            stop_tag = op;
            stop_suffix = suffix;
            stop_line = tag_line;
            return body;
        }
        if (op == "end")
        {
            if (in_block.empty())
                fail("Extra {% end %} block", tag_line);
            stop_tag = "end";
            return body;
        }
        if (op == "import" || op == "from")
            fail("import is forbidden", tag_line);
        if (op == "comment")
            continue;
        if (op == "autoescape" || op == "whitespace")
            continue;
        if (op == "extends" || op == "include" || op == "module" || op == "block" || op == "apply")
            fail(op + " is not supported", tag_line);
        if (op == "raw")
        {
            if (suffix.empty())
                fail("raw missing expression", tag_line);
            auto node = std::make_shared<Node>();
            node->kind = NodeKind::Output;
            node->line = tag_line;
            node->source = suffix;
            node->expr = TemplateExpressionParser(suffix, tag_line).parseExpressionList();
            body.push_back(node);
            continue;
        }
        if (op == "set")
        {
            if (suffix.empty())
                fail("set missing statement", tag_line);
            auto node = std::make_shared<Node>();
            node->kind = NodeKind::Set;
            node->line = tag_line;
            node->source = suffix;
            TemplateExpressionParser(suffix, tag_line).parseAssignment(node->target, node->op, node->expr);
            body.push_back(node);
            continue;
        }
        if (op == "break" || op == "continue")
        {
            if (!in_loop)
                fail(op + " outside {'for', 'while'} block", tag_line);
            auto node = std::make_shared<Node>();
            node->kind = op == "break" ? NodeKind::Break : NodeKind::Continue;
            node->line = tag_line;
            body.push_back(node);
            continue;
        }
        if (op == "if" || op == "for" || op == "while" || op == "try")
        {
            auto node = std::make_shared<Node>();
            node->line = tag_line;
            node->source = suffix;
            /// Python block headers may end with ':'.
            std::string header = suffix;
            if (!header.empty() && header.back() == ':')
                header = strip(std::string_view(header).substr(0, header.size() - 1));
            if (op != "try" && header.empty())
                throw TemplateError("Template Syntax Error: invalid syntax, line " + std::to_string(tag_line));
            bool loop = op == "for" || op == "while";
            std::string tag;
            std::string tag_suffix;
            int tag_at = 0;
            if (op == "if")
            {
                node->kind = NodeKind::If;
                ExprPtr condition = TemplateExpressionParser(header, tag_line).parseExpressionList();
                int branch_line = tag_line;
                bool seen_else = false;
                while (true)
                {
                    NodeList branch_body = parseBody("if", in_loop, tag, tag_suffix, tag_at, tag_line);
                    node->branches.push_back(Branch{condition, branch_line, std::move(branch_body)});
                    if (tag == "end")
                        break;
                    if (seen_else)
                        fail(tag + " after else", tag_at);
                    branch_line = tag_at;
                    if (tag == "elif")
                    {
                        std::string cond = tag_suffix;
                        if (!cond.empty() && cond.back() == ':')
                            cond = strip(std::string_view(cond).substr(0, cond.size() - 1));
                        if (cond.empty())
                            throw TemplateError("Template Syntax Error: invalid syntax, line " + std::to_string(tag_at));
                        condition = TemplateExpressionParser(cond, tag_at).parseExpressionList();
                    }
                    else
                    {
                        condition = nullptr;
                        seen_else = true;
                    }
                }
            }
            else if (loop)
            {
                if (op == "for")
                {
                    node->kind = NodeKind::For;
                    TemplateExpressionParser(header, tag_line).parseForHeader(node->target, node->expr);
                }
                else
                {
                    node->kind = NodeKind::While;
                    node->expr = TemplateExpressionParser(header, tag_line).parseExpressionList();
                }
                node->body = parseBody(op, true, tag, tag_suffix, tag_at, tag_line);
                if (tag == "else")
                {
                    node->orelse = parseBody(op, in_loop, tag, tag_suffix, tag_at, tag_line);
                    if (tag != "end")
                        fail(tag + " after else", tag_at);
                }
            }
            else
            {
                node->kind = NodeKind::Try;
                node->body = parseBody("try", in_loop, tag, tag_suffix, tag_at, tag_line);
                bool seen_else = false;
                while (tag != "end")
                {
                    if (tag == "except")
                    {
                        if (seen_else || node->has_finally)
                            fail("except after else/finally", tag_at);
                        node->handlers.push_back(parseBody("try", in_loop, tag, tag_suffix, tag_at, tag_line));
                    }
                    else if (tag == "else")
                    {
                        if (node->handlers.empty() || seen_else || node->has_finally)
                            fail("else block cannot be attached to try block", tag_at);
                        seen_else = true;
                        node->orelse = parseBody("try", in_loop, tag, tag_suffix, tag_at, tag_line);
                    }
                    else
                    {
                        if (node->has_finally)
                            fail("finally after finally", tag_at);
                        node->has_finally = true;
                        node->finally_body = parseBody("try", in_loop, tag, tag_suffix, tag_at, tag_line);
                    }
                }
                if (node->handlers.empty() && !node->has_finally)
                    throw TemplateError("Template Syntax Error: invalid syntax, line " + std::to_string(tag_line));
            }
            body.push_back(node);
            continue;
        }
        fail("unknown operator: '" + op + "'", tag_line);
    }
}

} // namespace pipit

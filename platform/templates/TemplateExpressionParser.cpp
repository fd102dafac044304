#include "platform/templates/TemplateExpressionParser.h"

#include "platform/templates/TemplateError.h"

#include <charconv>
#include <cstring>

namespace pipit
{

using namespace template_ast;

namespace
{

constexpr int max_depth = 100;

bool isIdentStart(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

bool isIdentChar(unsigned char c)
{
    return isIdentStart(c) || (c >= '0' && c <= '9');
}

bool isKeywordName(const std::string & s)
{
    static const char * keywords[] = {"and", "or", "not", "in", "is", "if", "else", "for", "lambda", "None", "True", "False", "yield",
                                      "await", "import", "from", "def", "class", "return", "del", "global", "nonlocal", "with",
                                      "as", "pass", "raise", "while", "try", "except", "finally", "assert", "async", "elif",
                                      "break", "continue"};
    for (const char * k : keywords)
        if (s == k)
            return true;
    return false;
}

void appendUtf8(std::string & out, uint32_t cp)
{
    if (cp < 0x80)
        out += static_cast<char>(cp);
    else if (cp < 0x800)
    {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
    else if (cp < 0x10000)
    {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
    else
    {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

}

TemplateExpressionParser::TemplateExpressionParser(std::string_view text, int line)
    : line_(line)
{
    tokenize(text);
}

void TemplateExpressionParser::syntaxError() const
{
    throw TemplateError("Template Syntax Error: invalid syntax, line " + std::to_string(line_));
}

void TemplateExpressionParser::tokenize(std::string_view text)
{
    size_t i = 0;
    int bracket_depth = 0;
    while (i < text.size())
    {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c == ' ' || c == '\t' || c == '\r' || c == '\f')
        {
            ++i;
            continue;
        }
        if (c == '\n')
        {
            /// Newlines are fine inside brackets; tornado expressions are single logical lines otherwise.
            if (bracket_depth == 0)
                syntaxError();
            ++i;
            continue;
        }
        if (c == '\\' && i + 1 < text.size() && text[i + 1] == '\n')
        {
            i += 2;
            continue;
        }
        if (c == '#')
            syntaxError();
        /// String literal, with optional prefixes.
        size_t prefix_len = 0;
        bool raw = false;
        while (prefix_len < 2 && i + prefix_len < text.size() && std::strchr("rRuUbBfF", text[i + prefix_len]) != nullptr)
            ++prefix_len;
        if (i + prefix_len < text.size() && (text[i + prefix_len] == '\'' || text[i + prefix_len] == '"')
            && (prefix_len == 0 || isIdentStart(c)))
        {
            for (size_t p = 0; p < prefix_len; ++p)
            {
                char pc = text[i + p];
                if (pc == 'f' || pc == 'F')
                    throw TemplateError("Template Syntax Error: f-strings are not supported, line " + std::to_string(line_));
                if (pc == 'r' || pc == 'R')
                    raw = true;
            }
            i += prefix_len;
            char quote = text[i];
            bool triple = i + 2 < text.size() && text[i + 1] == quote && text[i + 2] == quote;
            i += triple ? 3 : 1;
            std::string value;
            while (true)
            {
                if (i >= text.size())
                    syntaxError();
                char ch = text[i];
                if (triple)
                {
                    if (ch == quote && i + 2 < text.size() && text[i + 1] == quote && text[i + 2] == quote)
                    {
                        i += 3;
                        break;
                    }
                }
                else if (ch == quote)
                {
                    ++i;
                    break;
                }
                else if (ch == '\n')
                    syntaxError();
                if (ch != '\\')
                {
                    value += ch;
                    ++i;
                    continue;
                }
                if (i + 1 >= text.size())
                    syntaxError();
                char e = text[i + 1];
                if (raw)
                {
                    value += '\\';
                    value += e;
                    i += 2;
                    continue;
                }
                i += 2;
                switch (e)
                {
                    case '\n': break;
                    case '\\': value += '\\'; break;
                    case '\'': value += '\''; break;
                    case '"': value += '"'; break;
                    case 'a': value += '\a'; break;
                    case 'b': value += '\b'; break;
                    case 'f': value += '\f'; break;
                    case 'n': value += '\n'; break;
                    case 'r': value += '\r'; break;
                    case 't': value += '\t'; break;
                    case 'v': value += '\v'; break;
                    case 'x': {
                        if (i + 2 > text.size() || hexValue(text[i]) < 0 || hexValue(text[i + 1]) < 0)
                            syntaxError();
                        appendUtf8(value, static_cast<uint32_t>(hexValue(text[i]) * 16 + hexValue(text[i + 1])));
                        i += 2;
                        break;
                    }
                    case 'u':
                    case 'U': {
                        size_t n = e == 'u' ? 4 : 8;
                        if (i + n > text.size())
                            syntaxError();
                        uint32_t cp = 0;
                        for (size_t k = 0; k < n; ++k)
                        {
                            int h = hexValue(text[i + k]);
                            if (h < 0)
                                syntaxError();
                            cp = cp * 16 + static_cast<uint32_t>(h);
                        }
                        if (cp > 0x10FFFF)
                            syntaxError();
                        appendUtf8(value, cp);
                        i += n;
                        break;
                    }
                    default:
                        if (e >= '0' && e <= '7')
                        {
                            uint32_t cp = static_cast<uint32_t>(e - '0');
                            for (int k = 0; k < 2 && i < text.size() && text[i] >= '0' && text[i] <= '7'; ++k)
                                cp = cp * 8 + static_cast<uint32_t>(text[i++] - '0');
                            appendUtf8(value, cp);
                        }
                        else
                        {
                            value += '\\';
                            value += e;
                        }
                }
            }
            /// Adjacent literals concatenate.
            if (!tokens_.empty() && tokens_.back().kind == Token::Kind::String)
            {
                tokens_.back().value = TemplateValue(tokens_.back().value.asString() + value);
                continue;
            }
            Token token;
            token.kind = Token::Kind::String;
            token.value = TemplateValue(std::move(value));
            tokens_.push_back(std::move(token));
            continue;
        }
        if (isIdentStart(c))
        {
            size_t start = i;
            while (i < text.size() && isIdentChar(static_cast<unsigned char>(text[i])))
                ++i;
            Token token;
            token.kind = Token::Kind::Name;
            token.text = std::string(text.substr(start, i - start));
            tokens_.push_back(std::move(token));
            continue;
        }
        if ((c >= '0' && c <= '9') || (c == '.' && i + 1 < text.size() && text[i + 1] >= '0' && text[i + 1] <= '9'))
        {
            size_t start = i;
            Token token;
            token.kind = Token::Kind::Number;
            if (c == '0' && i + 1 < text.size() && (text[i + 1] == 'x' || text[i + 1] == 'X'))
            {
                i += 2;
                uint64_t v = 0;
                size_t digits = 0;
                while (i < text.size() && (hexValue(text[i]) >= 0 || text[i] == '_'))
                {
                    if (text[i] != '_')
                    {
                        v = v * 16 + static_cast<uint64_t>(hexValue(text[i]));
                        ++digits;
                    }
                    ++i;
                }
                if (digits == 0 || digits > 15)
                    syntaxError();
                token.value = TemplateValue(static_cast<int64_t>(v));
                tokens_.push_back(std::move(token));
                continue;
            }
            bool is_float = false;
            while (i < text.size() && ((text[i] >= '0' && text[i] <= '9') || text[i] == '_'))
                ++i;
            if (i < text.size() && text[i] == '.')
            {
                is_float = true;
                ++i;
                while (i < text.size() && ((text[i] >= '0' && text[i] <= '9') || text[i] == '_'))
                    ++i;
            }
            if (i < text.size() && (text[i] == 'e' || text[i] == 'E'))
            {
                size_t save = i;
                ++i;
                if (i < text.size() && (text[i] == '+' || text[i] == '-'))
                    ++i;
                if (i < text.size() && text[i] >= '0' && text[i] <= '9')
                {
                    is_float = true;
                    while (i < text.size() && text[i] >= '0' && text[i] <= '9')
                        ++i;
                }
                else
                    i = save;
            }
            if (i < text.size() && isIdentStart(static_cast<unsigned char>(text[i])))
                syntaxError();
            std::string number;
            for (size_t k = start; k < i; ++k)
                if (text[k] != '_')
                    number += text[k];
            if (is_float)
                token.value = TemplateValue(std::strtod(number.c_str(), nullptr));
            else
            {
                if (number.size() > 1 && number[0] == '0' && number.find_first_not_of('0') != std::string::npos)
                    syntaxError();
                token.value = TemplateValue::bigInt(number);
            }
            tokens_.push_back(std::move(token));
            continue;
        }
        static const char * ops[] = {"**", "//", "<=", ">=", "==", "!=", "+=", "-=", "*=", "/=", "%=", "<<", ">>", "->",
                                     "(", ")", "[", "]", "{", "}", ",", ":", ".", "+", "-", "*", "/", "%", "<", ">", "=", "~",
                                     "&", "|", "^", "@", ";"};
        bool matched = false;
        for (const char * op : ops)
        {
            size_t len = std::strlen(op);
            if (text.substr(i, len) == op)
            {
                Token token;
                token.kind = Token::Kind::Op;
                token.text = op;
                if (token.text == "(" || token.text == "[" || token.text == "{")
                    ++bracket_depth;
                else if (token.text == ")" || token.text == "]" || token.text == "}")
                    --bracket_depth;
                tokens_.push_back(std::move(token));
                i += len;
                matched = true;
                break;
            }
        }
        if (!matched)
            syntaxError();
    }
    tokens_.push_back(Token{});
}

const TemplateExpressionParser::Token & TemplateExpressionParser::peek(size_t ahead) const
{
    size_t at = pos_ + ahead;
    if (at >= tokens_.size())
        return tokens_.back();
    return tokens_[at];
}

bool TemplateExpressionParser::isOp(std::string_view op, size_t ahead) const
{
    const Token & t = peek(ahead);
    return t.kind == Token::Kind::Op && t.text == op;
}

bool TemplateExpressionParser::isKeyword(std::string_view word, size_t ahead) const
{
    const Token & t = peek(ahead);
    return t.kind == Token::Kind::Name && t.text == word;
}

void TemplateExpressionParser::expectOp(std::string_view op)
{
    if (!isOp(op))
        syntaxError();
    ++pos_;
}

void TemplateExpressionParser::expectEnd() const
{
    if (peek().kind != Token::Kind::End)
        syntaxError();
}

std::shared_ptr<Expr> TemplateExpressionParser::make(ExprKind kind) const
{
    auto e = std::make_shared<Expr>();
    e->kind = kind;
    e->line = line_;
    return e;
}

ExprPtr TemplateExpressionParser::parseExpressionList()
{
    ExprPtr first = parseTest();
    if (!isOp(","))
    {
        expectEnd();
        return first;
    }
    auto tuple = make(ExprKind::Tuple);
    tuple->items.push_back(first);
    while (isOp(","))
    {
        ++pos_;
        if (peek().kind == Token::Kind::End)
            break;
        tuple->items.push_back(parseTest());
    }
    expectEnd();
    return tuple;
}

void TemplateExpressionParser::parseForHeader(Target & target, ExprPtr & iter)
{
    target = parseTargetList();
    if (!isKeyword("in"))
        syntaxError();
    ++pos_;
    iter = parseExpressionList();
}

void TemplateExpressionParser::parseAssignment(Target & target, std::string & op, ExprPtr & value)
{
    target = parseTargetList();
    const Token & t = peek();
    if (t.kind != Token::Kind::Op || (t.text != "=" && t.text != "+=" && t.text != "-=" && t.text != "*=" && t.text != "/="
                                      && t.text != "%="))
        syntaxError();
    op = t.text;
    ++pos_;
    if (op != "=" && target.kind != Target::Kind::Name)
        syntaxError();
    value = parseExpressionList();
}

Target TemplateExpressionParser::parseTargetList()
{
    Target first = parseTarget();
    if (!isOp(","))
        return first;
    Target tuple;
    tuple.kind = Target::Kind::Tuple;
    tuple.items.push_back(std::move(first));
    while (isOp(","))
    {
        ++pos_;
        if (isKeyword("in") || isOp("="))
            break;
        tuple.items.push_back(parseTarget());
    }
    return tuple;
}

Target TemplateExpressionParser::parseTarget()
{
    if (isOp("(") || isOp("["))
    {
        std::string close = isOp("(") ? ")" : "]";
        ++pos_;
        Target inner = parseTargetList();
        expectOp(close);
        if (inner.kind != Target::Kind::Tuple)
        {
            Target tuple;
            tuple.kind = Target::Kind::Tuple;
            tuple.items.push_back(std::move(inner));
            return close == "]" ? tuple : tuple.items[0];
        }
        return inner;
    }
    ExprPtr e = parsePrimary();
    return toTarget(e);
}

Target TemplateExpressionParser::toTarget(const ExprPtr & expr) const
{
    Target target;
    if (expr->kind == ExprKind::Name)
    {
        target.kind = Target::Kind::Name;
        target.name = expr->name;
        return target;
    }
    if (expr->kind == ExprKind::Subscript && expr->b->kind != ExprKind::Slice)
    {
        target.kind = Target::Kind::Subscript;
        target.object = expr->a;
        target.index = expr->b;
        return target;
    }
    if (expr->kind == ExprKind::Tuple || expr->kind == ExprKind::List)
    {
        target.kind = Target::Kind::Tuple;
        for (const auto & item : expr->items)
            target.items.push_back(toTarget(item));
        return target;
    }
    syntaxError();
}

ExprPtr TemplateExpressionParser::parseTest()
{
    if (++depth_ > max_depth)
        throw TemplateError("Template Syntax Error: expression too deeply nested, line " + std::to_string(line_));
    if (isKeyword("lambda"))
        throw TemplateError("Template Syntax Error: lambda is not allowed, line " + std::to_string(line_));
    ExprPtr body = parseOr();
    if (isKeyword("if"))
    {
        ++pos_;
        ExprPtr test = parseOr();
        if (!isKeyword("else"))
            syntaxError();
        ++pos_;
        ExprPtr orelse = parseTest();
        auto e = make(ExprKind::IfElse);
        e->a = body;
        e->b = test;
        e->c = orelse;
        body = e;
    }
    --depth_;
    return body;
}

ExprPtr TemplateExpressionParser::parseOr()
{
    ExprPtr first = parseAnd();
    if (!isKeyword("or"))
        return first;
    auto e = make(ExprKind::Or);
    e->items.push_back(first);
    while (isKeyword("or"))
    {
        ++pos_;
        e->items.push_back(parseAnd());
    }
    return e;
}

ExprPtr TemplateExpressionParser::parseAnd()
{
    ExprPtr first = parseNot();
    if (!isKeyword("and"))
        return first;
    auto e = make(ExprKind::And);
    e->items.push_back(first);
    while (isKeyword("and"))
    {
        ++pos_;
        e->items.push_back(parseNot());
    }
    return e;
}

ExprPtr TemplateExpressionParser::parseNot()
{
    if (isKeyword("not"))
    {
        ++pos_;
        if (++depth_ > max_depth)
            throw TemplateError("Template Syntax Error: expression too deeply nested, line " + std::to_string(line_));
        auto e = make(ExprKind::Unary);
        e->op = "not";
        e->a = parseNot();
        --depth_;
        return e;
    }
    return parseComparison();
}

ExprPtr TemplateExpressionParser::parseComparison()
{
    ExprPtr first = parseBitOr();
    std::shared_ptr<Expr> cmp;
    while (true)
    {
        std::string op;
        const Token & t = peek();
        if (t.kind == Token::Kind::Op && (t.text == "<" || t.text == ">" || t.text == "==" || t.text == "!=" || t.text == "<="
                                          || t.text == ">="))
        {
            op = t.text;
            ++pos_;
        }
        else if (isKeyword("in"))
        {
            op = "in";
            ++pos_;
        }
        else if (isKeyword("not") && isKeyword("in", 1))
        {
            op = "not in";
            pos_ += 2;
        }
        else if (isKeyword("is"))
        {
            ++pos_;
            op = "is";
            if (isKeyword("not"))
            {
                ++pos_;
                op = "is not";
            }
        }
        else
            break;
        if (!cmp)
        {
            cmp = make(ExprKind::Compare);
            cmp->items.push_back(first);
        }
        cmp->ops.push_back(op);
        cmp->items.push_back(parseBitOr());
    }
    return cmp ? cmp : first;
}

ExprPtr TemplateExpressionParser::parseBitOr()
{
    ExprPtr left = parseArith();
    static const std::pair<const char *, const char *> forbidden[] = {
        {"|", "BitOr"}, {"^", "BitXor"}, {"&", "BitAnd"}, {"<<", "LShift"}, {">>", "RShift"}, {"@", "MatMult"}};
    for (const auto & [op, name] : forbidden)
        if (isOp(op))
            throw TemplateError(std::string("Template Syntax Error: Invalid BinOp: ") + name + "()");
    return left;
}

ExprPtr TemplateExpressionParser::parseArith()
{
    ExprPtr left = parseTerm();
    while (isOp("+") || isOp("-"))
    {
        auto e = make(ExprKind::Binary);
        e->op = peek().text;
        ++pos_;
        e->a = left;
        e->b = parseTerm();
        left = e;
    }
    return left;
}

ExprPtr TemplateExpressionParser::parseTerm()
{
    ExprPtr left = parseFactor();
    while (isOp("*") || isOp("/") || isOp("//") || isOp("%"))
    {
        auto e = make(ExprKind::Binary);
        e->op = peek().text;
        ++pos_;
        e->a = left;
        e->b = parseFactor();
        left = e;
    }
    return left;
}

ExprPtr TemplateExpressionParser::parseFactor()
{
    if (isOp("-") || isOp("+"))
    {
        if (++depth_ > max_depth)
            throw TemplateError("Template Syntax Error: expression too deeply nested, line " + std::to_string(line_));
        auto e = make(ExprKind::Unary);
        e->op = peek().text;
        ++pos_;
        e->a = parseFactor();
        --depth_;
        /// Fold negative literals so that metadata sees `-1` as a constant.
        if (e->a->kind == ExprKind::Constant && e->a->value.isBigInt())
        {
            auto c = make(ExprKind::Constant);
            const std::string & digits = e->a->value.asString();
            c->value = e->op == "+" ? e->a->value : TemplateValue::bigInt(digits[0] == '-' ? digits.substr(1) : "-" + digits);
            return c;
        }
        if (e->a->kind == ExprKind::Constant && e->a->value.isNumber() && !e->a->value.isBigInt())
        {
            auto c = make(ExprKind::Constant);
            const TemplateValue & v = e->a->value;
            if (e->op == "+")
                c->value = v;
            else if (v.isFloat())
                c->value = TemplateValue(-v.asFloat());
            else if (v.asInt() != INT64_MIN)
                c->value = TemplateValue(-v.asInt());
            else
                return e;
            return c;
        }
        return e;
    }
    if (isOp("~"))
        throw TemplateError("Template Syntax Error: Invalid UnaryOp: Invert()");
    return parsePower();
}

ExprPtr TemplateExpressionParser::parsePower()
{
    ExprPtr base = parsePrimary();
    if (isOp("**"))
        throw TemplateError("Template Syntax Error: Invalid BinOp: Pow()");
    return base;
}

ExprPtr TemplateExpressionParser::parsePrimary()
{
    ExprPtr e = parseAtom();
    while (true)
    {
        if (isOp("("))
        {
            ++pos_;
            auto call = make(ExprKind::Call);
            call->a = e;
            parseCallArguments(*call);
            e = call;
        }
        else if (isOp("["))
        {
            ++pos_;
            auto sub = make(ExprKind::Subscript);
            sub->a = e;
            sub->b = parseSubscript();
            expectOp("]");
            e = sub;
        }
        else if (isOp("."))
        {
            ++pos_;
            if (peek().kind != Token::Kind::Name)
                syntaxError();
            auto attr = make(ExprKind::Attribute);
            attr->a = e;
            attr->name = peek().text;
            ++pos_;
            e = attr;
        }
        else
            return e;
    }
}

ExprPtr TemplateExpressionParser::parseSubscript()
{
    ExprPtr lower;
    if (!isOp(":"))
    {
        lower = parseTest();
        if (!isOp(":"))
        {
            if (isOp(","))
            {
                auto tuple = make(ExprKind::Tuple);
                tuple->items.push_back(lower);
                while (isOp(","))
                {
                    ++pos_;
                    if (isOp("]"))
                        break;
                    tuple->items.push_back(parseTest());
                }
                return tuple;
            }
            return lower;
        }
    }
    auto slice = make(ExprKind::Slice);
    slice->a = lower;
    expectOp(":");
    if (!isOp(":") && !isOp("]"))
        slice->b = parseTest();
    if (isOp(":"))
    {
        ++pos_;
        if (!isOp("]"))
            slice->c = parseTest();
    }
    return slice;
}

void TemplateExpressionParser::parseCallArguments(Expr & call)
{
    while (!isOp(")"))
    {
        if (isOp("*") || isOp("**"))
            syntaxError();
        if (peek().kind == Token::Kind::Name && isOp("=", 1))
        {
            std::string name = peek().text;
            if (isKeywordName(name))
                syntaxError();
            pos_ += 2;
            call.keywords.emplace_back(name, parseTest());
        }
        else
        {
            if (!call.keywords.empty())
                syntaxError();
            ExprPtr arg = parseTest();
            if (isKeyword("for"))
            {
                /// Generator expression as the only argument: `sum(x for x in l)`.
                auto comp = make(ExprKind::ListComp);
                comp->a = arg;
                parseComprehensions(*comp);
                arg = comp;
            }
            call.items.push_back(arg);
        }
        if (isOp(","))
            ++pos_;
        else if (!isOp(")"))
            syntaxError();
    }
    ++pos_;
}

void TemplateExpressionParser::parseComprehensions(Expr & comp)
{
    while (isKeyword("for"))
    {
        ++pos_;
        Comprehension c;
        c.target = parseTargetList();
        if (!isKeyword("in"))
            syntaxError();
        ++pos_;
        c.iter = parseOr();
        while (isKeyword("if"))
        {
            ++pos_;
            c.ifs.push_back(parseOr());
        }
        comp.comprehensions.push_back(std::move(c));
    }
}

ExprPtr TemplateExpressionParser::parseAtom()
{
    const Token & t = peek();
    if (t.kind == Token::Kind::Number || t.kind == Token::Kind::String)
    {
        auto e = make(ExprKind::Constant);
        e->value = t.value;
        ++pos_;
        return e;
    }
    if (t.kind == Token::Kind::Name)
    {
        auto e = make(ExprKind::Constant);
        if (t.text == "None")
            e->value = TemplateValue();
        else if (t.text == "True")
            e->value = TemplateValue(true);
        else if (t.text == "False")
            e->value = TemplateValue(false);
        else
        {
            if (isKeywordName(t.text))
                syntaxError();
            e->kind = ExprKind::Name;
            e->name = t.text;
        }
        ++pos_;
        return e;
    }
    if (t.kind != Token::Kind::Op)
        syntaxError();
    if (++depth_ > max_depth)
        throw TemplateError("Template Syntax Error: expression too deeply nested, line " + std::to_string(line_));
    std::shared_ptr<Expr> result;
    if (t.text == "(")
    {
        ++pos_;
        if (isOp(")"))
        {
            ++pos_;
            result = make(ExprKind::Tuple);
        }
        else
        {
            ExprPtr first = parseTest();
            if (isKeyword("for"))
            {
                result = make(ExprKind::ListComp);
                result->a = first;
                parseComprehensions(*result);
                expectOp(")");
            }
            else if (isOp(","))
            {
                result = make(ExprKind::Tuple);
                result->items.push_back(first);
                while (isOp(","))
                {
                    ++pos_;
                    if (isOp(")"))
                        break;
                    result->items.push_back(parseTest());
                }
                expectOp(")");
            }
            else
            {
                expectOp(")");
                --depth_;
                return first;
            }
        }
    }
    else if (t.text == "[")
    {
        ++pos_;
        result = make(ExprKind::List);
        if (!isOp("]"))
        {
            ExprPtr first = parseTest();
            if (isKeyword("for"))
            {
                result->kind = ExprKind::ListComp;
                result->a = first;
                parseComprehensions(*result);
            }
            else
            {
                result->items.push_back(first);
                while (isOp(","))
                {
                    ++pos_;
                    if (isOp("]"))
                        break;
                    result->items.push_back(parseTest());
                }
            }
        }
        expectOp("]");
    }
    else if (t.text == "{")
    {
        ++pos_;
        result = make(ExprKind::Dict);
        while (!isOp("}"))
        {
            result->items.push_back(parseTest());
            expectOp(":");
            result->items.push_back(parseTest());
            if (isOp(","))
                ++pos_;
            else if (!isOp("}"))
                syntaxError();
        }
        ++pos_;
    }
    else
        syntaxError();
    --depth_;
    return result;
}

} // namespace pipit

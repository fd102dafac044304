#include "engine/sql/ASTFormatter.h"
#include "engine/sql/ParseError.h"
#include "engine/sql/QueryParser.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace pipit
{

namespace
{

std::string toUpper(std::string_view s)
{
    std::string out(s);
    for (auto & c : out)
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
    return out;
}

/// Case-insensitive membership in a list of upper-case words, without allocating.
bool inList(std::string_view word, std::initializer_list<std::string_view> list)
{
    for (auto item : list)
    {
        if (item.size() != word.size())
            continue;
        bool equal = true;
        for (size_t i = 0; i < word.size() && equal; ++i)
        {
            char c = word[i];
            if (c >= 'a' && c <= 'z')
                c = static_cast<char>(c - 'a' + 'A');
            equal = c == item[i];
        }
        if (equal)
            return true;
    }
    return false;
}

/// Bare words that never become an implicit alias (`SELECT a b` makes b an alias; `SELECT a FROM` must not).
bool isNonAliasKeyword(std::string_view word)
{
    return inList(word, {"FROM",      "WHERE",   "PREWHERE", "GROUP",     "HAVING",  "ORDER",        "LIMIT",  "OFFSET",    "SETTINGS",
                         "FORMAT",    "UNION",   "EXCEPT",   "INTERSECT", "JOIN",    "INNER",        "LEFT",   "RIGHT",     "FULL",
                         "CROSS",     "OUTER",   "ON",       "USING",     "ARRAY",   "GLOBAL",       "LOCAL",  "ANY",       "ALL",
                         "ASOF",      "SEMI",    "ANTI",     "PASTE",     "AS",      "AND",          "OR",     "NOT",       "IN",
                         "LIKE",      "ILIKE",   "BETWEEN",  "IS",        "FINAL",   "SAMPLE",       "WITH",   "INTO",      "VALUES",
                         "SELECT",    "WHEN",    "THEN",     "ELSE",      "END",     "ASC",          "DESC",   "ASCENDING", "DESCENDING",
                         "NULLS",     "COLLATE", "BY",       "WINDOW",    "QUALIFY", "DIV",          "MOD",    "TTL",       "ENGINE",
                         "PARTITION", "PRIMARY", "COMMENT",  "CODEC",     "DEFAULT", "MATERIALIZED", "ALIAS",  "EPHEMERAL", "FILL",
                         "STEP",      "TO",      "FETCH",    "OVER",      "FILTER",  "NULL",         "REGEXP", "POPULATE",  "INTERVAL",
                         "TOTALS",    "ROLLUP",  "CUBE",     "DELETE",    "UPDATE",  "GRANULARITY",  "TYPE",   "AFTER",     "FIRST"});
}

/// Bare words that cannot start an identifier expression (unless followed by '(': and(a, b) is a function).
bool isReservedInExpression(std::string_view word)
{
    return inList(word,
                  {"FROM",   "WHERE", "PREWHERE", "GROUP", "HAVING", "ORDER", "LIMIT", "SETTINGS", "FORMAT", "UNION", "EXCEPT", "INTERSECT",
                   "SELECT", "AS",    "AND",      "OR",    "THEN",   "ELSE",  "WHEN",  "JOIN",     "ON",     "USING", "WINDOW", "QUALIFY"});
}

/// INTERVAL / EXTRACT units: canonical suffix of toInterval<Unit>.
const char * intervalUnit(std::string_view word)
{
    static const std::array<std::pair<std::string_view, const char *>, 11> units {{
        {"NANOSECOND", "Nanosecond"},
        {"MICROSECOND", "Microsecond"},
        {"MILLISECOND", "Millisecond"},
        {"SECOND", "Second"},
        {"MINUTE", "Minute"},
        {"HOUR", "Hour"},
        {"DAY", "Day"},
        {"WEEK", "Week"},
        {"MONTH", "Month"},
        {"QUARTER", "Quarter"},
        {"YEAR", "Year"},
    }};
    std::string upper = toUpper(word);
    if (upper.size() > 1 && upper.back() == 'S')
    {
        for (const auto & [name, canonical] : units)
            if (upper.substr(0, upper.size() - 1) == name)
                return canonical;
    }
    for (const auto & [name, canonical] : units)
        if (upper == name)
            return canonical;
    return nullptr;
}

/// Unit keyword of dateAdd(unit, n, date) / dateDiff(unit, a, b) as ClickHouse's parseIntervalKind accepts it
/// (DAY, days, SQL_TSI_DAY, dd, d, ...): canonical suffix of toInterval<Unit>, or nullptr.
const char * dateFunctionUnit(std::string_view word)
{
    static const std::array<std::pair<std::string_view, const char *>, 22> abbreviations {{
        {"NS", "Nanosecond"}, {"MCS", "Microsecond"}, {"MS", "Millisecond"}, {"SS", "Second"}, {"S", "Second"}, {"MI", "Minute"},
        {"N", "Minute"},      {"HH", "Hour"},         {"H", "Hour"},         {"DD", "Day"},     {"D", "Day"},     {"WK", "Week"},
        {"WW", "Week"},       {"MM", "Month"},        {"M", "Month"},        {"QQ", "Quarter"}, {"Q", "Quarter"}, {"YYYY", "Year"},
        {"YY", "Year"},       {"SQL_TSI_NANOSECOND", "Nanosecond"}, {"SQL_TSI_MICROSECOND", "Microsecond"},
        {"SQL_TSI_MILLISECOND", "Millisecond"},
    }};
    std::string upper = toUpper(word);
    for (const auto & [name, canonical] : abbreviations)
        if (upper == name)
            return canonical;
    if (upper.starts_with("SQL_TSI_"))
        upper = upper.substr(8);
    return intervalUnit(upper);
}

bool isPlainLiteral(const ASTPtr & node)
{
    return node->kind == ASTKind::Literal && node->alias.empty();
}

} // namespace

ASTPtr QueryParser::parseExpression()
{
    DepthGuard guard(*this);
    if (isLambdaStart())
        return parseLambda();
    return parseTernary();
}

ASTPtr QueryParser::parseExpressionWithAlias(bool allow_implicit_alias)
{
    ASTPtr expression = parseExpression();
    std::string alias;
    if (tryParseAlias(alias, allow_implicit_alias))
        expression->alias = std::move(alias);
    return expression;
}

ASTs QueryParser::parseExpressionList(bool allow_implicit_alias)
{
    ASTs list;
    do
        list.push_back(parseExpressionWithAlias(allow_implicit_alias));
    while (parseToken(TokenType::Comma));
    return list;
}

bool QueryParser::tryParseAlias(std::string & alias, bool allow_implicit_alias)
{
    if (parseKeyword("AS"))
    {
        alias = expectIdentifier("alias");
        return true;
    }
    if (!allow_implicit_alias)
        return false;
    const Token token = current();
    if (token.type == TokenType::QuotedIdentifier || (token.type == TokenType::BareWord && !isNonAliasKeyword(tokenText(token))))
        return tryParseIdentifier(alias, "alias");
    noteExpected("alias");
    return false;
}

bool QueryParser::isLambdaStart()
{
    if ((isType(TokenType::BareWord) || isType(TokenType::QuotedIdentifier)) && isType(TokenType::Arrow, 1))
        return true;
    if (!isType(TokenType::OpeningRoundBracket))
        return false;
    size_t k = 1;
    while (true)
    {
        if (!isType(TokenType::BareWord, k) && !isType(TokenType::QuotedIdentifier, k))
            return false;
        ++k;
        if (isType(TokenType::Comma, k))
        {
            ++k;
            continue;
        }
        return isType(TokenType::ClosingRoundBracket, k) && isType(TokenType::Arrow, k + 1);
    }
}

ASTPtr QueryParser::parseLambda()
{
    auto lambda = makeNode<ASTLambda>(current().begin);
    if (parseToken(TokenType::OpeningRoundBracket))
    {
        do
            lambda->params.push_back(expectIdentifier("lambda parameter"));
        while (parseToken(TokenType::Comma));
        expectToken(TokenType::ClosingRoundBracket);
    }
    else
        lambda->params.push_back(expectIdentifier("lambda parameter"));
    expectToken(TokenType::Arrow);
    lambda->body = parseExpression();
    return lambda;
}

ASTPtr QueryParser::parseTernary()
{
    const size_t offset = current().begin;
    ASTPtr condition = parseOr();
    if (!isType(TokenType::QuestionMark))
        return condition;
    advance();
    ASTPtr then_branch = parseExpression();
    expectToken(TokenType::Colon);
    ASTPtr else_branch = parseExpression();
    return makeOperator("if", {condition, then_branch, else_branch}, offset);
}

ASTPtr QueryParser::parseOr()
{
    const size_t offset = current().begin;
    ASTPtr first = parseAnd();
    if (!isKeyword("OR"))
        return first;
    ASTs arguments {first};
    while (parseKeyword("OR"))
        arguments.push_back(parseAnd());
    return makeOperator("or", std::move(arguments), offset);
}

ASTPtr QueryParser::parseAnd()
{
    const size_t offset = current().begin;
    ASTPtr first = parseNot();
    if (!isKeyword("AND"))
        return first;
    ASTs arguments {first};
    while (parseKeyword("AND"))
        arguments.push_back(parseNot());
    return makeOperator("and", std::move(arguments), offset);
}

ASTPtr QueryParser::parseNot()
{
    /// NOT binds looser than comparison: NOT a = b is not(equals(a, b)), also when written NOT (a) = b.
    if (isKeyword("NOT"))
    {
        const size_t offset = current().begin;
        advance();
        DepthGuard guard(*this);
        return makeOperator("not", {parseNot()}, offset);
    }
    return parseIsNull();
}

ASTPtr QueryParser::parseIsNull()
{
    const size_t offset = current().begin;
    ASTPtr operand = parseComparison();
    size_t levels = 0;
    while (isKeyword("IS"))
    {
        advance();
        bool negated = parseKeyword("NOT");
        expectKeyword("NULL");
        addTreeLevel(levels);
        operand = makeOperator(negated ? "isNotNull" : "isNull", {operand}, offset);
    }
    releaseTreeLevels(levels);
    return operand;
}

ASTPtr QueryParser::parseComparison()
{
    const size_t offset = current().begin;
    ASTPtr left = parseConcat();
    size_t levels = 0;
    while (true)
    {
        const char * name = nullptr;
        switch (current().type)
        {
        case TokenType::Equals:
            name = "equals";
            break;
        case TokenType::NotEquals:
            name = "notEquals";
            break;
        case TokenType::Less:
            name = "less";
            break;
        case TokenType::Greater:
            name = "greater";
            break;
        case TokenType::LessOrEquals:
            name = "lessOrEquals";
            break;
        case TokenType::GreaterOrEquals:
            name = "greaterOrEquals";
            break;
        case TokenType::Spaceship:
            name = "isNotDistinctFrom";
            break;
        default:
            break;
        }
        if (name)
        {
            advance();
            addTreeLevel(levels);
            left = makeOperator(name, {left, parseConcat()}, offset);
            continue;
        }

        size_t k = 0;
        bool global = false;
        bool negated = false;
        if (isKeyword("GLOBAL") && (isKeyword("IN", 1) || (isKeyword("NOT", 1) && isKeyword("IN", 2))))
        {
            global = true;
            ++k;
        }
        if (isKeyword("NOT", k) && (isKeyword("IN", k + 1) || isKeyword("LIKE", k + 1) || isKeyword("ILIKE", k + 1) ||
                                    isKeyword("BETWEEN", k + 1) || isKeyword("REGEXP", k + 1)))
        {
            negated = true;
            ++k;
        }
        std::string op;
        if (isKeyword("IN", k))
            op = global ? (negated ? "globalNotIn" : "globalIn") : (negated ? "notIn" : "in");
        else if (isKeyword("LIKE", k))
            op = negated ? "notLike" : "like";
        else if (isKeyword("ILIKE", k))
            op = negated ? "notILike" : "ilike";
        else if (isKeyword("REGEXP", k))
            op = "match";
        else if (isKeyword("BETWEEN", k))
            op = "between";
        else
        {
            noteExpected("operator");
            break;
        }
        index_ += k + 1;
        addTreeLevel(levels);
        if (op == "between")
        {
            ASTPtr low = parseConcat();
            expectKeyword("AND");
            ASTPtr high = parseConcat();
            if (negated)
                left = makeOperator(
                    "or", {makeOperator("less", {left, low}, offset), makeOperator("greater", {cloneAST(left), high}, offset)}, offset);
            else
                left = makeOperator(
                    "and",
                    {makeOperator("greaterOrEquals", {left, low}, offset), makeOperator("lessOrEquals", {cloneAST(left), high}, offset)},
                    offset);
            addTreeLevel(levels);
            continue;
        }
        ASTPtr right = parseConcat();
        left = makeOperator(op, {left, right}, offset);
        if (op == "match" && negated)
            left = makeOperator("not", {left}, offset);
    }
    releaseTreeLevels(levels);
    return left;
}

ASTPtr QueryParser::parseConcat()
{
    const size_t offset = current().begin;
    ASTPtr left = parseAdditive();
    size_t levels = 0;
    while (isType(TokenType::Concatenation))
    {
        advance();
        addTreeLevel(levels);
        left = makeOperator("concat", {left, parseAdditive()}, offset);
    }
    releaseTreeLevels(levels);
    return left;
}

ASTPtr QueryParser::parseAdditive()
{
    const size_t offset = current().begin;
    ASTPtr left = parseMultiplicative();
    size_t levels = 0;
    while (isType(TokenType::Plus) || isType(TokenType::Minus))
    {
        const char * name = isType(TokenType::Plus) ? "plus" : "minus";
        advance();
        addTreeLevel(levels);
        left = makeOperator(name, {left, parseMultiplicative()}, offset);
    }
    releaseTreeLevels(levels);
    return left;
}

ASTPtr QueryParser::parseMultiplicative()
{
    const size_t offset = current().begin;
    ASTPtr left = parseUnary();
    size_t levels = 0;
    while (true)
    {
        const char * name = nullptr;
        if (isType(TokenType::Asterisk))
            name = "multiply";
        else if (isType(TokenType::Slash))
            name = "divide";
        else if (isType(TokenType::Percent) || isKeyword("MOD"))
            name = "modulo";
        else if (isKeyword("DIV"))
            name = "intDiv";
        else
            break;
        advance();
        addTreeLevel(levels);
        left = makeOperator(name, {left, parseUnary()}, offset);
    }
    releaseTreeLevels(levels);
    return left;
}

ASTPtr QueryParser::parseUnary()
{
    if (!isType(TokenType::Minus))
        return parsePostfix();
    const size_t offset = current().begin;
    /// -<number> is a negative literal, unless a postfix operator binds to the number first (-1::Int8, -x[1]).
    const Token next = peek(1);
    const bool postfix_follows =
        isType(TokenType::DoubleColon, 2) || isType(TokenType::OpeningSquareBracket, 2) || isType(TokenType::Dot, 2);
    if (next.type == TokenType::Number && !postfix_follows)
    {
        const Token number = next;
        index_ += 2;
        ASTPtr literal = parseNumberLiteral(number, true);
        literal->offset = offset;
        return literal;
    }
    if (next.type == TokenType::BareWord && !postfix_follows && !isType(TokenType::OpeningRoundBracket, 2) &&
        (inList(tokenText(next), {"INF", "INFINITY", "NAN"})))
    {
        const bool is_nan = inList(tokenText(next), {"NAN"});
        index_ += 2;
        auto literal = makeNode<ASTLiteral>(offset);
        literal->value = Field(is_nan ? -std::numeric_limits<double>::quiet_NaN() : -std::numeric_limits<double>::infinity());
        return literal;
    }
    advance();
    DepthGuard guard(*this);
    return makeOperator("negate", {parseUnary()}, offset);
}

ASTPtr QueryParser::parsePostfix()
{
    const size_t offset = current().begin;
    ASTPtr operand = parsePrimary();
    size_t levels = 0;
    while (true)
    {
        if (isType(TokenType::OpeningSquareBracket))
        {
            advance();
            addTreeLevel(levels);
            ASTPtr index = parseExpression();
            expectToken(TokenType::ClosingSquareBracket);
            operand = makeOperator("arrayElement", {operand, index}, offset);
        }
        else if (isType(TokenType::Dot) && isType(TokenType::Number, 1))
        {
            advance();
            const Token number = current();
            UInt64 position = expectUnsignedInteger();
            addTreeLevel(levels);
            auto literal = makeNode<ASTLiteral>(number.begin);
            literal->value = Field(position);
            operand = makeOperator("tupleElement", {operand, literal}, offset);
        }
        else if (isType(TokenType::Dot) && (isType(TokenType::BareWord, 1) || isType(TokenType::QuotedIdentifier, 1)))
        {
            advance();
            const size_t name_offset = current().begin;
            std::string name = expectIdentifier("tuple element name");
            addTreeLevel(levels);
            auto literal = makeNode<ASTLiteral>(name_offset);
            literal->value = Field(std::move(name));
            operand = makeOperator("tupleElement", {operand, literal}, offset);
        }
        else if (isType(TokenType::DoubleColon))
        {
            advance();
            const size_t type_offset = current().begin;
            std::string type = parseTypeName();
            addTreeLevel(levels);
            auto literal = makeNode<ASTLiteral>(type_offset);
            literal->value = Field(std::move(type));
            operand = makeOperator("CAST", {operand, literal}, offset);
        }
        else
            break;
    }
    releaseTreeLevels(levels);
    return operand;
}

ASTPtr QueryParser::parseNumberLiteral(const Token & token, bool negative)
{
    std::string_view text = tokenText(token);
    auto literal = makeNode<ASTLiteral>(token.begin);
    bool is_float = false;
    UInt64 value = 0;
    bool integer_ok = false;
    if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X'))
    {
        if (text.find_first_of(".pP") != std::string_view::npos)
            is_float = true;
        else
        {
            auto [ptr, ec] = std::from_chars(text.data() + 2, text.data() + text.size(), value, 16);
            integer_ok = ec == std::errc() && ptr == text.data() + text.size();
        }
    }
    else if (text.size() > 2 && text[0] == '0' && (text[1] == 'b' || text[1] == 'B'))
    {
        auto [ptr, ec] = std::from_chars(text.data() + 2, text.data() + text.size(), value, 2);
        integer_ok = ec == std::errc() && ptr == text.data() + text.size();
        if (!integer_ok)
            failAt(token, "binary number is too large");
    }
    else if (text.find_first_of(".eE") != std::string_view::npos)
        is_float = true;
    else
    {
        auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value, 10);
        integer_ok = ec == std::errc() && ptr == text.data() + text.size();
        if (!integer_ok)
            is_float = true; /// too large for UInt64: Float64, like ClickHouse without big integers
    }

    if (integer_ok)
    {
        if (!negative || value == 0)
            literal->value = Field(value);
        else if (value <= static_cast<UInt64>(std::numeric_limits<Int64>::max()) + 1)
            literal->value = Field(static_cast<Int64>(0 - value));
        else
            literal->value = Field(-static_cast<double>(value));
        return literal;
    }
    if (is_float)
    {
        std::string copy(text);
        char * end = nullptr;
        double parsed = std::strtod(copy.c_str(), &end);
        if (end != copy.c_str() + copy.size())
            failAt(token, "cannot parse number " + copy);
        literal->value = Field(negative ? -parsed : parsed);
        return literal;
    }
    failAt(token, "cannot parse number " + std::string(text));
}

ASTPtr QueryParser::parsePrimary()
{
    const Token token = current();
    switch (token.type)
    {
    case TokenType::Number:
        advance();
        return parseNumberLiteral(token, false);
    case TokenType::StringLiteral:
    {
        advance();
        auto literal = makeNode<ASTLiteral>(token.begin);
        literal->value = Field(unquoteToken(tokenText(token)));
        return literal;
    }
    case TokenType::OpeningRoundBracket:
        return parseParenthesized();
    case TokenType::OpeningSquareBracket:
        return parseArray();
    case TokenType::OpeningCurlyBrace:
        return parseQueryParameter();
    case TokenType::Asterisk:
        advance();
        return parseAsterisk({}, token.begin);
    case TokenType::BareWord:
    {
        std::string upper = toUpper(tokenText(token));
        const bool call = isType(TokenType::OpeningRoundBracket, 1);
        const bool member = isType(TokenType::Dot, 1);
        if (upper == "INTERVAL" && !member)
        {
            if (ASTPtr interval = tryParseInterval())
                return interval;
        }
        if (!call && !member)
        {
            if (upper == "NULL")
            {
                advance();
                return makeNode<ASTLiteral>(token.begin);
            }
            if (upper == "TRUE" || upper == "FALSE")
            {
                advance();
                auto literal = makeNode<ASTLiteral>(token.begin);
                literal->value = Field(upper == "TRUE");
                literal->is_bool = true;
                return literal;
            }
            if (upper == "INF" || upper == "INFINITY" || upper == "NAN")
            {
                advance();
                auto literal = makeNode<ASTLiteral>(token.begin);
                literal->value = Field(upper == "NAN" ? std::numeric_limits<double>::quiet_NaN() : std::numeric_limits<double>::infinity());
                return literal;
            }
            if (upper == "CASE")
                return parseCase();
            if ((upper == "DATE" || upper == "TIMESTAMP") && isType(TokenType::StringLiteral, 1))
            {
                advance();
                auto literal = makeNode<ASTLiteral>(current().begin);
                literal->value = Field(unquoteToken(tokenText(current())));
                advance();
                return makeOperator(upper == "DATE" ? "toDate" : "toDateTime", {literal}, token.begin);
            }
        }
        if (call)
        {
            if (upper == "CAST")
                return parseCast();
            if (upper == "EXTRACT")
            {
                if (ASTPtr extract = parseExtract())
                    return extract;
            }
            if (upper == "EXISTS" && (isKeyword("SELECT", 2) || isKeyword("WITH", 2)))
            {
                advance();
                ASTPtr subquery = parseParenthesized();
                return makeOperator("exists", {subquery}, token.begin);
            }
            if (upper == "COLUMNS" && isType(TokenType::StringLiteral, 2) && isType(TokenType::ClosingRoundBracket, 3))
            {
                index_ += 2;
                auto asterisk = makeNode<ASTAsterisk>(token.begin);
                asterisk->columns_regexp = unquoteToken(tokenText(current()));
                index_ += 2;
                return asterisk;
            }
        }
        if (!call && isReservedInExpression(upper))
        {
            noteExpected("expression");
            fail();
        }
        return parseIdentifierOrFunction();
    }
    case TokenType::QuotedIdentifier:
        return parseIdentifierOrFunction();
    default:
        break;
    }
    noteExpected("expression");
    fail();
}

ASTPtr QueryParser::parseParenthesized()
{
    const size_t offset = current().begin;
    expectToken(TokenType::OpeningRoundBracket);
    if (isKeyword("SELECT") || isKeyword("WITH"))
    {
        auto subquery = makeNode<ASTSubquery>(offset);
        subquery->query = parseSelectWithUnion();
        expectToken(TokenType::ClosingRoundBracket);
        return subquery;
    }
    if (parseToken(TokenType::ClosingRoundBracket))
        return makeOperator("tuple", {}, offset);
    ASTs elements = parseExpressionList(false);
    expectToken(TokenType::ClosingRoundBracket);
    if (elements.size() == 1)
        return elements.front();
    bool all_literals = true;
    for (const auto & element : elements)
        all_literals = all_literals && isPlainLiteral(element);
    if (all_literals)
    {
        FieldTuple tuple;
        for (const auto & element : elements)
            tuple.values.push_back(element->as<ASTLiteral>()->value);
        auto literal = makeNode<ASTLiteral>(offset);
        literal->value = Field(std::move(tuple));
        return literal;
    }
    return makeOperator("tuple", std::move(elements), offset);
}

ASTPtr QueryParser::parseArray()
{
    const size_t offset = current().begin;
    expectToken(TokenType::OpeningSquareBracket);
    ASTs elements;
    if (!parseToken(TokenType::ClosingSquareBracket))
    {
        elements = parseExpressionList(false);
        expectToken(TokenType::ClosingSquareBracket);
    }
    bool all_literals = true;
    for (const auto & element : elements)
        all_literals = all_literals && isPlainLiteral(element);
    if (all_literals)
    {
        FieldArray array;
        for (const auto & element : elements)
            array.values.push_back(element->as<ASTLiteral>()->value);
        auto literal = makeNode<ASTLiteral>(offset);
        literal->value = Field(std::move(array));
        return literal;
    }
    return makeOperator("array", std::move(elements), offset);
}

ASTPtr QueryParser::parseCase()
{
    const size_t offset = current().begin;
    expectKeyword("CASE");
    ASTPtr subject;
    if (!isKeyword("WHEN"))
        subject = parseExpression();
    ASTs arguments;
    if (subject)
        arguments.push_back(subject);
    expectKeyword("WHEN");
    do
    {
        arguments.push_back(parseExpression());
        expectKeyword("THEN");
        arguments.push_back(parseExpression());
    } while (parseKeyword("WHEN"));
    if (parseKeyword("ELSE"))
        arguments.push_back(parseExpression());
    else
        arguments.push_back(makeNode<ASTLiteral>(current().begin));
    expectKeyword("END");
    return makeOperator(subject ? "caseWithExpression" : "multiIf", std::move(arguments), offset);
}

ASTPtr QueryParser::parseCast()
{
    const size_t offset = current().begin;
    advance(); /// CAST
    expectToken(TokenType::OpeningRoundBracket);
    ASTPtr value = parseExpression();
    if (parseKeyword("AS"))
    {
        const size_t type_offset = current().begin;
        std::string type = parseTypeName();
        expectToken(TokenType::ClosingRoundBracket);
        auto literal = makeNode<ASTLiteral>(type_offset);
        literal->value = Field(std::move(type));
        return makeOperator("CAST", {value, literal}, offset);
    }
    std::string alias;
    ASTs arguments {value};
    while (parseToken(TokenType::Comma))
        arguments.push_back(parseExpressionWithAlias(false));
    expectToken(TokenType::ClosingRoundBracket);
    auto function = makeASTFunction("CAST", std::move(arguments));
    function->offset = offset;
    return function;
}

ASTPtr QueryParser::parseExtract()
{
    /// EXTRACT(unit FROM expr); otherwise extract(haystack, pattern) is an ordinary function.
    if (!isType(TokenType::BareWord, 2) || !isKeyword("FROM", 3))
        return nullptr;
    const char * unit = intervalUnit(tokenText(peek(2)));
    if (!unit)
        return nullptr;
    const size_t offset = current().begin;
    index_ += 4;
    ASTPtr value = parseExpression();
    expectToken(TokenType::ClosingRoundBracket);
    std::string name = unit;
    if (name == "Day")
        name = "toDayOfMonth";
    else if (name == "Week")
        name = "toISOWeek";
    else
        name = "to" + name;
    return makeOperator(std::move(name), {value}, offset);
}

ASTPtr QueryParser::tryParseInterval()
{
    /// INTERVAL is a keyword only when followed by something that starts its operand; otherwise an identifier.
    const Token next = peek(1);
    const bool literal_operand = next.type == TokenType::Number || next.type == TokenType::StringLiteral || next.type == TokenType::Minus ||
                                 next.type == TokenType::OpeningCurlyBrace || next.type == TokenType::OpeningRoundBracket;
    const bool word_operand =
        (next.type == TokenType::BareWord && !isNonAliasKeyword(tokenText(next))) || next.type == TokenType::QuotedIdentifier;
    if (!literal_operand && !word_operand)
        return nullptr;
    const size_t offset = current().begin;
    advance();
    if (isType(TokenType::StringLiteral) && !(isType(TokenType::BareWord, 1) && intervalUnit(tokenText(peek(1)))))
    {
        /// INTERVAL '1 day'
        const Token string_token = current();
        std::string text = unquoteToken(tokenText(string_token));
        advance();
        size_t space = text.find(' ');
        const char * unit = space == std::string::npos ? nullptr : intervalUnit(std::string_view(text).substr(space + 1));
        if (!unit)
            failAt(string_token, "expected interval like '1 day' in INTERVAL string");
        ParserOptions options = options_;
        QueryParser inner(std::string_view(text).substr(0, space), 0, options);
        ASTPtr amount;
        try
        {
            amount = inner.parseExpressionToEnd();
        }
        catch (const ParseError &)
        {
            failAt(string_token, "cannot parse the amount of INTERVAL string");
        }
        amount->offset = string_token.begin;
        {
            // A plain call, as ClickHouse keeps it: it prints back as toIntervalUnit(n).
            auto interval = makeOperator(std::string("toInterval") + unit, {amount}, offset);
            interval->is_operator = false;
            return interval;
        }
    }
    ASTPtr amount = parseAdditive();
    if (!isType(TokenType::BareWord) || !intervalUnit(tokenText(current())))
    {
        noteExpected("interval unit (SECOND, MINUTE, HOUR, DAY, WEEK, MONTH, QUARTER, YEAR)");
        fail();
    }
    const char * unit = intervalUnit(tokenText(current()));
    advance();
    {
        // A plain call, as ClickHouse keeps it: it prints back as toIntervalUnit(n).
        auto interval = makeOperator(std::string("toInterval") + unit, {amount}, offset);
        interval->is_operator = false;
        return interval;
    }
}

ASTPtr QueryParser::parseQueryParameter()
{
    auto parameter = makeNode<ASTQueryParameter>(current().begin);
    expectToken(TokenType::OpeningCurlyBrace);
    parameter->name = expectIdentifier("query parameter name");
    expectToken(TokenType::Colon);
    parameter->type = parseTypeName();
    expectToken(TokenType::ClosingCurlyBrace);
    return parameter;
}

ASTPtr QueryParser::parseAsterisk(std::vector<std::string> qualifier, size_t offset)
{
    auto asterisk = makeNode<ASTAsterisk>(offset);
    asterisk->qualifier = std::move(qualifier);
    if (isKeyword("EXCEPT") && !isKeyword("SELECT", 1) && !isKeyword("DISTINCT", 1) && !isKeyword("ALL", 1) &&
        !(isType(TokenType::OpeningRoundBracket, 1) && (isKeyword("SELECT", 2) || isKeyword("WITH", 2))))
    {
        advance();
        if (parseToken(TokenType::OpeningRoundBracket))
        {
            do
                asterisk->except.push_back(expectIdentifier("column name"));
            while (parseToken(TokenType::Comma));
            expectToken(TokenType::ClosingRoundBracket);
        }
        else
            asterisk->except.push_back(expectIdentifier("column name"));
    }
    return asterisk;
}

ASTPtr QueryParser::parseIdentifierOrFunction()
{
    const size_t offset = current().begin;
    std::string first = expectIdentifier();
    if (isType(TokenType::OpeningRoundBracket))
        return parseFunctionCall(std::move(first), offset);
    std::vector<std::string> parts {std::move(first)};
    while (isType(TokenType::Dot))
    {
        if (isType(TokenType::Asterisk, 1))
        {
            index_ += 2;
            return parseAsterisk(std::move(parts), offset);
        }
        if (!isType(TokenType::BareWord, 1) && !isType(TokenType::QuotedIdentifier, 1))
            break;
        advance();
        parts.push_back(expectIdentifier());
    }
    auto identifier = makeNode<ASTIdentifier>(offset);
    identifier->parts = std::move(parts);
    return identifier;
}

ASTPtr QueryParser::parseFunctionCall(std::string name, size_t offset)
{
    DepthGuard guard(*this);
    auto function = makeNode<ASTFunction>(offset);
    function->name = std::move(name);
    bool distinct = false;
    auto parse_arguments = [&](ASTs & out)
    {
        expectToken(TokenType::OpeningRoundBracket);
        if (parseKeyword("DISTINCT"))
            distinct = true;
        else if (isKeyword("ALL") && !isType(TokenType::ClosingRoundBracket, 1) && !isType(TokenType::Comma, 1))
            advance();
        if (!parseToken(TokenType::ClosingRoundBracket))
        {
            out = parseExpressionList(false);
            expectToken(TokenType::ClosingRoundBracket);
        }
    };
    /// dateAdd/dateSub/dateDiff families (ClickHouse's DateAddLayer/DateDiffLayer): dateAdd(unit, n, d) is plus(d, INTERVAL n unit),
    /// dateSub(...) minus, dateDiff(unit, a, b) dateDiff('unit', a, b); other argument lists keep their order under the new name.
    const bool date_add = inList(function->name, {"DATEADD", "DATE_ADD", "TIMESTAMPADD", "TIMESTAMP_ADD"});
    const bool date_sub = inList(function->name, {"DATESUB", "DATE_SUB", "TIMESTAMPSUB", "TIMESTAMP_SUB"});
    const bool date_diff = inList(function->name, {"DATEDIFF", "DATE_DIFF", "TIMESTAMPDIFF", "TIMESTAMP_DIFF"});
    const char * date_unit = (date_add || date_sub || date_diff) && isType(TokenType::OpeningRoundBracket) && isType(TokenType::BareWord, 1) &&
            isType(TokenType::Comma, 2)
        ? dateFunctionUnit(tokenText(peek(1)))
        : nullptr;
    parse_arguments(function->arguments);
    if ((date_add || date_sub || date_diff) && !isType(TokenType::OpeningRoundBracket))
    {
        function->name = date_add ? "plus" : date_sub ? "minus" : "dateDiff";
        if (date_unit && function->arguments.size() == 3 && date_diff)
        {
            std::string unit = date_unit;
            unit[0] = static_cast<char>(unit[0] - 'A' + 'a');
            function->arguments[0] = std::make_shared<ASTLiteral>(Field(unit));
            function->arguments[0]->offset = offset;
        }
        else if (date_unit && function->arguments.size() == 3)
        {
            auto interval = makeOperator(std::string("toInterval") + date_unit, {function->arguments[1]}, offset);
            interval->is_operator = false;
            function->arguments = {function->arguments[2], interval};
        }
    }
    if (isType(TokenType::OpeningRoundBracket))
    {
        function->parameters = std::move(function->arguments);
        function->arguments.clear();
        function->has_parameters = true;
        parse_arguments(function->arguments);
    }
    if (distinct)
        function->name += "Distinct";

    /// count(*) is count(), like ClickHouse.
    if (function->arguments.size() == 1 && inList(function->name, {"COUNT"}))
    {
        const auto * asterisk = function->arguments[0]->as<ASTAsterisk>();
        if (asterisk && asterisk->qualifier.empty() && asterisk->except.empty() && asterisk->columns_regexp.empty() &&
            function->arguments[0]->alias.empty())
            function->arguments.clear();
    }
    /// position(needle IN haystack) is position(haystack, needle).
    if (function->arguments.size() == 1 && inList(function->name, {"POSITION"}))
    {
        auto * in = function->arguments[0]->as<ASTFunction>();
        if (in && in->name == "in" && in->is_operator && in->alias.empty() && in->arguments.size() == 2)
            function->arguments = {in->arguments[1], in->arguments[0]};
    }

    if (isKeyword("RESPECT") || isKeyword("IGNORE"))
    {
        if (isKeyword("NULLS", 1))
            index_ += 2;
    }
    if (isKeyword("FILTER") && isType(TokenType::OpeningRoundBracket, 1) && isKeyword("WHERE", 2))
    {
        index_ += 3;
        function->arguments.push_back(parseExpression());
        expectToken(TokenType::ClosingRoundBracket);
        function->name += "If";
    }
    if (parseKeyword("OVER"))
    {
        if (isType(TokenType::OpeningRoundBracket))
            function->window_definition = parseWindowSpecBody();
        else
            function->window_name = expectIdentifier("window name");
    }
    return function;
}

std::string QueryParser::parseTypeName()
{
    DepthGuard guard(*this);
    std::string name = expectIdentifier("type name");
    /// Multi-word SQL type names.
    static const std::initializer_list<std::pair<const char *, const char *>> two_words {
        {"DOUBLE", "PRECISION"}, {"CHARACTER", "VARYING"}, {"CHAR", "VARYING"}, {"NATIONAL", "CHARACTER"}, {"BINARY", "VARYING"}};
    for (const auto & [a, b] : two_words)
    {
        if (inList(name, {a}) && isKeyword(b))
        {
            name += ' ';
            name += tokenText(current());
            advance();
        }
    }
    if (inList(name, {"INT", "INTEGER", "TINYINT", "SMALLINT", "BIGINT", "INT1", "INT2", "INT4", "INT8", "MEDIUMINT"}) &&
        (isKeyword("UNSIGNED") || isKeyword("SIGNED")))
    {
        name += ' ';
        name += toUpper(tokenText(current()));
        advance();
    }
    if (!parseToken(TokenType::OpeningRoundBracket))
        return name;
    name += '(';
    bool first = true;
    if (!isType(TokenType::ClosingRoundBracket))
    {
        do
        {
            if (!first)
                name += ", ";
            first = false;
            const Token token = current();
            if (token.type == TokenType::StringLiteral)
            {
                advance();
                name += quoteString(unquoteToken(tokenText(token)));
                if (parseToken(TokenType::Equals))
                {
                    name += " = ";
                    if (parseToken(TokenType::Minus))
                        name += '-';
                    const Token number = current();
                    expectToken(TokenType::Number);
                    name += tokenText(number);
                }
            }
            else if (token.type == TokenType::Number || token.type == TokenType::Minus)
            {
                if (parseToken(TokenType::Minus))
                    name += '-';
                const Token number = current();
                expectToken(TokenType::Number);
                name += tokenText(number);
            }
            else if ((token.type == TokenType::BareWord || token.type == TokenType::QuotedIdentifier) &&
                     (isType(TokenType::BareWord, 1) || isType(TokenType::QuotedIdentifier, 1)))
            {
                /// Named element: Tuple(a UInt8), Nested(x String).
                std::string element = expectIdentifier("element name");
                name += quoteIdentifierIfNeeded(element);
                name += ' ';
                name += parseTypeName();
            }
            else
                name += parseTypeName();
        } while (parseToken(TokenType::Comma));
    }
    expectToken(TokenType::ClosingRoundBracket);
    name += ')';
    return name;
}

} // namespace pipit

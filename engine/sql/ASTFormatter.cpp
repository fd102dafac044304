#include "engine/sql/ASTFormatter.h"

#include "engine/sql/AST.h"

#include <charconv>
#include <cmath>
#include <cstring>

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

/// Words that must be quoted when used as identifiers, so the formatted SQL re-parses to the same tree.
bool isKeywordRequiringQuotes(std::string_view name)
{
    static const std::initializer_list<std::string_view> keywords {
        "ALL",      "ALIAS",    "AND",          "ANTI",      "ANY",       "ARRAY",  "AS",       "ASC",     "ASCENDING", "ASOF",
        "BETWEEN",  "BY",       "CASE",         "CAST",      "COLLATE",   "CROSS",  "DEFAULT",  "DELETE",  "DESC",      "DESCENDING",
        "DISTINCT", "DIV",      "ELSE",         "END",       "EPHEMERAL", "EXCEPT", "EXISTS",   "EXTRACT", "FALSE",     "FETCH",
        "FILTER",   "FINAL",    "FORMAT",       "FROM",      "FULL",      "GLOBAL", "GROUP",    "HAVING",  "ILIKE",     "IN",
        "INF",      "INFINITY", "INNER",        "INTERSECT", "INTERVAL",  "INTO",   "IS",       "JOIN",    "LEFT",      "LIKE",
        "LIMIT",    "LOCAL",    "MATERIALIZED", "MOD",       "NAN",       "NOT",    "NULL",     "NULLS",   "OFFSET",    "ON",
        "OR",       "ORDER",    "OUTER",        "OVER",      "PARTITION", "PASTE",  "PREWHERE", "PRIMARY", "QUALIFY",   "REGEXP",
        "RIGHT",    "SAMPLE",   "SELECT",       "SEMI",      "SETTINGS",  "THEN",   "TO",       "TRUE",    "UNION",     "UPDATE",
        "USING",    "VALUES",   "WHEN",         "WHERE",     "WINDOW",    "WITH",   "COLUMNS",  "RESPECT", "IGNORE"};
    std::string upper = toUpper(name);
    for (auto keyword : keywords)
        if (upper == keyword)
            return true;
    return false;
}

/// Shortest round-trip text like ClickHouse's (double-conversion with EMIT_TRAILING_DECIMAL_POINT, fixed notation
/// for decimal exponents in (-6, 21]): 1.5, 1., 100000., 0.000001, 1e-7, 1e+21.
std::string formatFloat(double value)
{
    if (std::isnan(value))
        return std::signbit(value) ? "-nan" : "nan";
    if (std::isinf(value))
        return value < 0 ? "-inf" : "inf";
    if (value == 0)
        return std::signbit(value) ? "-0." : "0.";
    char buffer[64];
    auto [ptr, ec] = std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::scientific);
    std::string_view scientific(buffer, ec == std::errc() ? static_cast<size_t>(ptr - buffer) : 0);
    std::string out;
    if (!scientific.empty() && scientific[0] == '-')
    {
        out += '-';
        scientific.remove_prefix(1);
    }
    size_t e = scientific.find('e');
    std::string digits;
    for (char c : scientific.substr(0, e))
        if (c != '.')
            digits += c;
    int exponent = std::atoi(std::string(scientific.substr(e + 1)).c_str());
    int decimal_point = exponent + 1;
    const int length = static_cast<int>(digits.size());
    if (decimal_point > -6 && decimal_point <= 21)
    {
        if (decimal_point <= 0)
            out += "0." + std::string(static_cast<size_t>(-decimal_point), '0') + digits;
        else if (decimal_point >= length)
            out += digits + std::string(static_cast<size_t>(decimal_point - length), '0') + ".";
        else
            out += digits.substr(0, static_cast<size_t>(decimal_point)) + "." + digits.substr(static_cast<size_t>(decimal_point));
        return out;
    }
    out += digits[0];
    if (length > 1)
        out += "." + digits.substr(1);
    out += exponent < 0 ? "e-" : "e+";
    out += std::to_string(exponent < 0 ? -exponent : exponent);
    return out;
}

std::string formatInt128(Int128 v)
{
    if (v == 0)
        return "0";
    bool negative = v < 0;
    UInt128 u = negative ? static_cast<UInt128>(-(v + 1)) + 1 : static_cast<UInt128>(v);
    std::string out;
    while (u > 0)
    {
        out.push_back(static_cast<char>('0' + static_cast<int>(u % 10)));
        u /= 10;
    }
    if (negative)
        out.push_back('-');
    return {out.rbegin(), out.rend()};
}

std::string formatField(const Field & field, bool is_bool = false)
{
    switch (field.which())
    {
    case Field::Which::Null:
        return "NULL";
    case Field::Which::UInt64:
        if (is_bool)
            return field.get<UInt64>() ? "true" : "false";
        return std::to_string(field.get<UInt64>());
    case Field::Which::Int64:
        return std::to_string(field.get<Int64>());
    case Field::Which::Float64:
        return formatFloat(field.get<Float64>());
    case Field::Which::UInt128:
        return formatInt128(static_cast<Int128>(field.get<UInt128>()));
    case Field::Which::Int128:
        return formatInt128(field.get<Int128>());
    case Field::Which::String:
        return quoteString(field.get<std::string>());
    case Field::Which::Array:
    {
        std::string out = "[";
        const auto & values = field.get<FieldArray>().values;
        for (size_t i = 0; i < values.size(); ++i)
        {
            if (i)
                out += ", ";
            out += formatField(values[i]);
        }
        return out + "]";
    }
    case Field::Which::Tuple:
    {
        const auto & values = field.get<FieldTuple>().values;
        std::string out = values.size() >= 2 ? "(" : "tuple(";
        for (size_t i = 0; i < values.size(); ++i)
        {
            if (i)
                out += ", ";
            out += formatField(values[i]);
        }
        return out + ")";
    }
    case Field::Which::Map:
    {
        std::string out = "map(";
        const auto & entries = field.get<FieldMap>().entries;
        for (size_t i = 0; i < entries.size(); ++i)
        {
            if (i)
                out += ", ";
            const auto * pair = entries[i].tryGet<FieldTuple>();
            if (pair && pair->values.size() == 2)
                out += formatField(pair->values[0]) + ", " + formatField(pair->values[1]);
            else
                out += formatField(entries[i]);
        }
        return out + ")";
    }
    case Field::Which::Decimal:
        return field.dump();
    }
    return field.dump();
}

/// Precedence of operator-syntax functions (higher binds tighter); 0 for everything printed as a primary.
enum Precedence
{
    PrecLambda = 1,
    PrecTernary = 2,
    PrecOr = 3,
    PrecAnd = 4,
    PrecNot = 5,
    PrecIsNull = 6,
    PrecComparison = 7,
    PrecConcat = 8,
    PrecAdditive = 9,
    PrecMultiplicative = 10,
    PrecUnary = 11,
    PrecPostfix = 12,
    PrecPrimary = 13,
};

const char * binaryOperatorText(const std::string & name)
{
    static const std::pair<const char *, const char *> operators[] = {
        {"plus", " + "},
        {"minus", " - "},
        {"multiply", " * "},
        {"divide", " / "},
        {"modulo", " % "},
        {"intDiv", " DIV "},
        {"equals", " = "},
        {"notEquals", " != "},
        {"less", " < "},
        {"greater", " > "},
        {"lessOrEquals", " <= "},
        {"greaterOrEquals", " >= "},
        {"like", " LIKE "},
        {"notLike", " NOT LIKE "},
        {"ilike", " ILIKE "},
        {"notILike", " NOT ILIKE "},
        {"in", " IN "},
        {"notIn", " NOT IN "},
        {"globalIn", " GLOBAL IN "},
        {"globalNotIn", " GLOBAL NOT IN "},
        {"concat", " || "},
        {"match", " REGEXP "},
        {"isNotDistinctFrom", " <=> "},
    };
    for (const auto & [function, text] : operators)
        if (name == function)
            return text;
    return nullptr;
}

int binaryPrecedence(const std::string & name)
{
    if (name == "plus" || name == "minus")
        return PrecAdditive;
    if (name == "multiply" || name == "divide" || name == "modulo" || name == "intDiv")
        return PrecMultiplicative;
    if (name == "concat")
        return PrecConcat;
    return PrecComparison;
}

const char * extractUnit(const std::string & name)
{
    static const std::pair<const char *, const char *> units[] = {{"toYear", "YEAR"},
                                                                  {"toQuarter", "QUARTER"},
                                                                  {"toMonth", "MONTH"},
                                                                  {"toISOWeek", "WEEK"},
                                                                  {"toDayOfMonth", "DAY"},
                                                                  {"toHour", "HOUR"},
                                                                  {"toMinute", "MINUTE"},
                                                                  {"toSecond", "SECOND"},
                                                                  {"toMillisecond", "MILLISECOND"},
                                                                  {"toMicrosecond", "MICROSECOND"},
                                                                  {"toNanosecond", "NANOSECOND"}};
    for (const auto & [function, unit] : units)
        if (name == function)
            return unit;
    return nullptr;
}

class Formatter
{
public:
    std::string out;

    void node(const ASTNode & ast);

    /// An expression with its alias, as a list element (`expr AS alias`).
    void element(const ASTPtr & ast)
    {
        expression(*ast, 0);
        if (!ast->alias.empty())
        {
            out += " AS ";
            out += quoteIdentifierIfNeeded(ast->alias);
        }
    }
    void elements(const ASTs & list)
    {
        for (size_t i = 0; i < list.size(); ++i)
        {
            if (i)
                out += ", ";
            element(list[i]);
        }
    }

    /// Formats an expression that appears where operators binding at least `min_precedence` are allowed.
    void expression(const ASTNode & ast, int min_precedence);

    int precedenceOf(const ASTNode & ast) const;
    bool isOperatorSyntax(const ASTFunction & function) const;

    void operand(const ASTPtr & ast, int min_precedence)
    {
        if (!ast->alias.empty())
        {
            out += '(';
            element(ast);
            out += ')';
            return;
        }
        expression(*ast, min_precedence);
    }

    void function(const ASTFunction & function);
    void operatorFunction(const ASTFunction & function);
    void windowSpec(const ASTWindowSpec & spec);
    void orderByList(const ASTOrderByList & list);
    void settings(const SettingsChanges & changes);
    void tableName(const std::string & database, const std::string & table)
    {
        if (!database.empty())
        {
            out += quoteIdentifierIfNeeded(database);
            out += '.';
        }
        out += quoteIdentifierIfNeeded(table);
    }
    void selectQuery(const ASTSelectQuery & select);
    void selectWithUnion(const ASTSelectWithUnionQuery & query);
    void outputClauses(const ASTQueryWithOutput & query);
    void tableExpression(const ASTTableExpression & table);
    void columnDeclaration(const ASTColumnDeclaration & column);
    void indexDeclaration(const ASTIndexDeclaration & index);
    void storage(const ASTStorage & storage);
    void ttlList(const std::vector<std::shared_ptr<ASTTTLElement>> & ttl);
    void createTable(const ASTCreateTableQuery & query);
    void alterCommand(const ASTAlterCommand & command);
};

bool Formatter::isOperatorSyntax(const ASTFunction & function) const
{
    return function.is_operator && !function.has_parameters && !function.isWindowFunction();
}

int Formatter::precedenceOf(const ASTNode & ast) const
{
    if (ast.kind == ASTKind::Lambda)
        return PrecLambda;
    if (ast.kind == ASTKind::Literal)
    {
        const auto & literal = static_cast<const ASTLiteral &>(ast);
        const Field & value = literal.value;
        if (value.which() == Field::Which::Int64 && value.get<Int64>() < 0)
            return PrecUnary;
        if (value.which() == Field::Which::Float64 && std::signbit(value.get<Float64>()))
            return PrecUnary;
        if (value.which() == Field::Which::Int128 && value.get<Int128>() < 0)
            return PrecUnary;
        return PrecPrimary;
    }
    if (ast.kind != ASTKind::Function)
        return PrecPrimary;
    const auto & function = static_cast<const ASTFunction &>(ast);
    if (!isOperatorSyntax(function))
        return PrecPrimary;
    const std::string & name = function.name;
    const size_t n = function.arguments.size();
    if (n == 2 && binaryOperatorText(name))
        return binaryPrecedence(name);
    if (name == "and" && n >= 2)
        return PrecAnd;
    if (name == "or" && n >= 2)
        return PrecOr;
    if (name == "not" && n == 1)
        return PrecNot;
    if ((name == "isNull" || name == "isNotNull") && n == 1)
        return PrecIsNull;
    if (name == "negate" && n == 1)
        return PrecUnary;
    if (name == "if" && n == 3)
        return PrecTernary;
    if ((name == "arrayElement" || name == "tupleElement") && n == 2)
        return PrecPostfix;
    return PrecPrimary;
}

void Formatter::expression(const ASTNode & ast, int min_precedence)
{
    const int precedence = precedenceOf(ast);
    const bool parens = precedence < min_precedence;
    if (parens)
        out += '(';
    switch (ast.kind)
    {
    case ASTKind::Literal:
    {
        const auto & literal = static_cast<const ASTLiteral &>(ast);
        out += formatField(literal.value, literal.is_bool);
        break;
    }
    case ASTKind::Identifier:
    {
        const auto & identifier = static_cast<const ASTIdentifier &>(ast);
        for (size_t i = 0; i < identifier.parts.size(); ++i)
        {
            if (i)
                out += '.';
            out += quoteIdentifierIfNeeded(identifier.parts[i]);
        }
        break;
    }
    case ASTKind::Asterisk:
    {
        const auto & asterisk = static_cast<const ASTAsterisk &>(ast);
        if (!asterisk.columns_regexp.empty())
        {
            out += "COLUMNS(" + quoteString(asterisk.columns_regexp) + ")";
            break;
        }
        for (const auto & part : asterisk.qualifier)
            out += quoteIdentifierIfNeeded(part) + ".";
        out += '*';
        if (!asterisk.except.empty())
        {
            out += " EXCEPT (";
            for (size_t i = 0; i < asterisk.except.size(); ++i)
            {
                if (i)
                    out += ", ";
                out += quoteIdentifierIfNeeded(asterisk.except[i]);
            }
            out += ')';
        }
        break;
    }
    case ASTKind::Function:
    {
        const auto & function_ast = static_cast<const ASTFunction &>(ast);
        if (isOperatorSyntax(function_ast))
            operatorFunction(function_ast);
        else
            function(function_ast);
        break;
    }
    case ASTKind::Lambda:
    {
        const auto & lambda = static_cast<const ASTLambda &>(ast);
        if (lambda.params.size() == 1)
            out += quoteIdentifierIfNeeded(lambda.params[0]);
        else
        {
            out += '(';
            for (size_t i = 0; i < lambda.params.size(); ++i)
            {
                if (i)
                    out += ", ";
                out += quoteIdentifierIfNeeded(lambda.params[i]);
            }
            out += ')';
        }
        out += " -> ";
        operand(lambda.body, 0);
        break;
    }
    case ASTKind::Subquery:
        out += '(';
        node(*static_cast<const ASTSubquery &>(ast).query);
        out += ')';
        break;
    case ASTKind::QueryParameter:
    {
        const auto & parameter = static_cast<const ASTQueryParameter &>(ast);
        out += "{" + quoteIdentifierIfNeeded(parameter.name) + ":" + parameter.type + "}";
        break;
    }
    default:
        node(ast);
        break;
    }
    if (parens)
        out += ')';
}

void Formatter::function(const ASTFunction & function)
{
    out += quoteIdentifierIfNeeded(function.name);
    if (function.has_parameters)
    {
        out += '(';
        elements(function.parameters);
        out += ')';
    }
    out += '(';
    elements(function.arguments);
    out += ')';
    if (function.window_definition)
    {
        out += " OVER ";
        windowSpec(*function.window_definition);
    }
    else if (!function.window_name.empty())
    {
        out += " OVER ";
        out += quoteIdentifierIfNeeded(function.window_name);
    }
}

void Formatter::operatorFunction(const ASTFunction & function)
{
    const std::string & name = function.name;
    const ASTs & args = function.arguments;
    const size_t n = args.size();
    if (n == 2 && binaryOperatorText(name))
    {
        const int precedence = binaryPrecedence(name);
        operand(args[0], precedence);
        out += binaryOperatorText(name);
        operand(args[1], precedence + 1);
        return;
    }
    if ((name == "and" || name == "or") && n >= 2)
    {
        const int precedence = name == "and" ? PrecAnd : PrecOr;
        for (size_t i = 0; i < n; ++i)
        {
            if (i)
                out += name == "and" ? " AND " : " OR ";
            operand(args[i], precedence + 1);
        }
        return;
    }
    if (name == "not" && n == 1)
    {
        out += "NOT ";
        operand(args[0], PrecNot);
        return;
    }
    if ((name == "isNull" || name == "isNotNull") && n == 1)
    {
        operand(args[0], PrecIsNull);
        out += name == "isNull" ? " IS NULL" : " IS NOT NULL";
        return;
    }
    if (name == "negate" && n == 1)
    {
        out += '-';
        /// Parenthesise everything but names and calls: -(1) must not become the literal -1, -(-x) not a comment.
        const auto kind = args[0]->kind;
        const bool simple =
            args[0]->alias.empty() && (kind == ASTKind::Identifier || (kind == ASTKind::Function && precedenceOf(*args[0]) == PrecPrimary &&
                                                                       !static_cast<const ASTFunction &>(*args[0]).is_operator));
        if (simple)
            expression(*args[0], PrecUnary);
        else
        {
            out += '(';
            element(args[0]);
            out += ')';
        }
        return;
    }
    if (name == "if" && n == 3)
    {
        operand(args[0], PrecOr);
        out += " ? ";
        operand(args[1], PrecLambda);
        out += " : ";
        operand(args[2], PrecLambda);
        return;
    }
    if (name == "arrayElement" && n == 2)
    {
        operand(args[0], PrecPostfix);
        out += '[';
        element(args[1]);
        out += ']';
        return;
    }
    if (name == "tupleElement" && n == 2)
    {
        const auto * index = args[1]->as<ASTLiteral>();
        if (index && index->alias.empty() && (index->value.which() == Field::Which::UInt64 || index->value.which() == Field::Which::String))
        {
            const bool by_name = index->value.which() == Field::Which::String;
            /// 1.1 would lex as a float and t.name as a compound identifier: parenthesise those operands.
            const auto * base_literal = args[0]->as<ASTLiteral>();
            const bool wrap = (base_literal && args[0]->alias.empty() && precedenceOf(*args[0]) == PrecPrimary &&
                               base_literal->value.which() != Field::Which::Tuple && base_literal->value.which() != Field::Which::Array) ||
                              (by_name && args[0]->kind == ASTKind::Identifier);
            if (wrap)
                out += '(';
            operand(args[0], wrap ? 0 : PrecPostfix);
            if (wrap)
                out += ')';
            out += '.';
            if (by_name)
                out += quoteIdentifierIfNeeded(index->value.get<std::string>());
            else
                out += std::to_string(index->value.get<UInt64>());
            return;
        }
    }
    if (name == "tuple" && n != 1)
    {
        out += '(';
        elements(args);
        out += ')';
        return;
    }
    if (name == "array")
    {
        out += '[';
        elements(args);
        out += ']';
        return;
    }
    if (name == "CAST" && n == 2 && args[1]->kind == ASTKind::Literal && args[1]->alias.empty() &&
        static_cast<const ASTLiteral &>(*args[1]).value.which() == Field::Which::String)
    {
        out += "CAST(";
        element(args[0]);
        out += " AS ";
        out += static_cast<const ASTLiteral &>(*args[1]).value.get<std::string>();
        out += ')';
        return;
    }
    if ((name == "multiIf" && n >= 3 && n % 2 == 1) || (name == "caseWithExpression" && n >= 4 && n % 2 == 0))
    {
        out += "CASE";
        size_t i = 0;
        if (name == "caseWithExpression")
        {
            out += ' ';
            operand(args[0], 0);
            i = 1;
        }
        for (; i + 1 < n; i += 2)
        {
            out += " WHEN ";
            operand(args[i], 0);
            out += " THEN ";
            operand(args[i + 1], 0);
        }
        out += " ELSE ";
        operand(args[n - 1], 0);
        out += " END";
        return;
    }
    // INTERVAL n UNIT is printed as toIntervalUnit(n), as ClickHouse prints it (SHOW CREATE, DESCRIBE).
    if (const char * unit = extractUnit(name); unit && n == 1)
    {
        out += "EXTRACT(";
        out += unit;
        out += " FROM ";
        element(args[0]);
        out += ')';
        return;
    }
    if ((name == "toDate" || name == "toDateTime") && n == 1 && args[0]->kind == ASTKind::Literal && args[0]->alias.empty() &&
        static_cast<const ASTLiteral &>(*args[0]).value.which() == Field::Which::String)
    {
        out += name == "toDate" ? "DATE " : "TIMESTAMP ";
        out += quoteString(static_cast<const ASTLiteral &>(*args[0]).value.get<std::string>());
        return;
    }
    if (name == "exists" && n == 1 && args[0]->kind == ASTKind::Subquery && args[0]->alias.empty())
    {
        out += "EXISTS ";
        expression(*args[0], 0);
        return;
    }
    /// Operator flag without a special syntax: plain call (re-parses without the flag, same meaning).
    this->function(function);
}

void Formatter::windowSpec(const ASTWindowSpec & spec)
{
    out += '(';
    bool need_space = false;
    auto space = [&]
    {
        if (need_space)
            out += ' ';
        need_space = true;
    };
    if (!spec.parent_window_name.empty())
    {
        space();
        out += quoteIdentifierIfNeeded(spec.parent_window_name);
    }
    if (!spec.partition_by.empty())
    {
        space();
        out += "PARTITION BY ";
        elements(spec.partition_by);
    }
    if (!spec.order_by.empty())
    {
        space();
        out += "ORDER BY ";
        orderByList(spec.order_by);
    }
    if (spec.frame_is_explicit)
    {
        space();
        out += spec.frame_type == ASTWindowSpec::FrameType::Rows
                   ? "ROWS"
                   : (spec.frame_type == ASTWindowSpec::FrameType::Range ? "RANGE" : "GROUPS");
        auto bound = [&](ASTWindowSpec::BoundType type, const ASTPtr & offset)
        {
            using Bound = ASTWindowSpec::BoundType;
            switch (type)
            {
            case Bound::UnboundedPreceding:
                out += "UNBOUNDED PRECEDING";
                break;
            case Bound::UnboundedFollowing:
                out += "UNBOUNDED FOLLOWING";
                break;
            case Bound::CurrentRow:
                out += "CURRENT ROW";
                break;
            case Bound::Preceding:
            case Bound::Following:
                if (offset)
                    operand(offset, PrecAdditive);
                out += type == Bound::Preceding ? " PRECEDING" : " FOLLOWING";
                break;
            }
        };
        out += " BETWEEN ";
        bound(spec.frame_begin, spec.frame_begin_offset);
        out += " AND ";
        bound(spec.frame_end, spec.frame_end_offset);
    }
    out += ')';
}

void Formatter::orderByList(const ASTOrderByList & list)
{
    for (size_t i = 0; i < list.size(); ++i)
    {
        if (i)
            out += ", ";
        const auto & element_ast = *list[i];
        element(element_ast.expression);
        out += element_ast.direction < 0 ? " DESC" : " ASC";
        if (element_ast.nulls_direction_was_explicit)
            out += element_ast.nulls_direction == element_ast.direction ? " NULLS LAST" : " NULLS FIRST";
        if (!element_ast.collation.empty())
            out += " COLLATE " + quoteString(element_ast.collation);
        if (element_ast.with_fill)
        {
            out += " WITH FILL";
            if (element_ast.fill_from)
            {
                out += " FROM ";
                operand(element_ast.fill_from, 0);
            }
            if (element_ast.fill_to)
            {
                out += " TO ";
                operand(element_ast.fill_to, 0);
            }
            if (element_ast.fill_step)
            {
                out += " STEP ";
                operand(element_ast.fill_step, 0);
            }
        }
    }
}

void Formatter::settings(const SettingsChanges & changes)
{
    for (size_t i = 0; i < changes.size(); ++i)
    {
        if (i)
            out += ", ";
        out += quoteIdentifierIfNeeded(changes[i].name);
        out += " = ";
        out += formatField(changes[i].value);
    }
}

void Formatter::tableExpression(const ASTTableExpression & table)
{
    if (table.subquery)
        expression(*table.subquery, 0);
    else if (table.table_function)
        function(static_cast<const ASTFunction &>(*table.table_function));
    else
        tableName(table.database, table.table);
    if (!table.alias.empty())
        out += " AS " + quoteIdentifierIfNeeded(table.alias);
    if (table.final)
        out += " FINAL";
    if (table.sample_size)
    {
        out += " SAMPLE ";
        operand(table.sample_size, 0);
        if (table.sample_offset)
        {
            out += " OFFSET ";
            operand(table.sample_offset, 0);
        }
    }
}

void Formatter::selectQuery(const ASTSelectQuery & select)
{
    if (!select.with.empty())
    {
        out += select.with_recursive ? "WITH RECURSIVE " : "WITH ";
        for (size_t i = 0; i < select.with.size(); ++i)
        {
            if (i)
                out += ", ";
            if (const auto * cte = select.with[i]->as<ASTWithElement>())
            {
                out += quoteIdentifierIfNeeded(cte->name) + " AS ";
                expression(*cte->subquery, 0);
            }
            else
                element(select.with[i]);
        }
        out += ' ';
    }
    out += "SELECT ";
    if (select.distinct)
    {
        out += "DISTINCT ";
        if (!select.distinct_on.empty())
        {
            out += "ON (";
            elements(select.distinct_on);
            out += ") ";
        }
    }
    elements(select.select);
    if (!select.tables.empty())
    {
        out += " FROM ";
        for (size_t i = 0; i < select.tables.size(); ++i)
        {
            const auto & element_ast = *select.tables[i];
            if (element_ast.array_join)
            {
                out += element_ast.array_join->left ? " LEFT ARRAY JOIN " : " ARRAY JOIN ";
                elements(element_ast.array_join->expressions);
                continue;
            }
            if (element_ast.join)
            {
                const auto & join = *element_ast.join;
                if (join.kind == ASTTableJoin::Kind::Comma)
                {
                    out += ", ";
                    tableExpression(*element_ast.table);
                    continue;
                }
                out += ' ';
                if (join.global)
                    out += "GLOBAL ";
                switch (join.strictness)
                {
                case ASTTableJoin::Strictness::Unspecified:
                    break;
                case ASTTableJoin::Strictness::Any:
                    out += "ANY ";
                    break;
                case ASTTableJoin::Strictness::All:
                    out += "ALL ";
                    break;
                case ASTTableJoin::Strictness::Asof:
                    out += "ASOF ";
                    break;
                case ASTTableJoin::Strictness::Semi:
                    out += "SEMI ";
                    break;
                case ASTTableJoin::Strictness::Anti:
                    out += "ANTI ";
                    break;
                }
                switch (join.kind)
                {
                case ASTTableJoin::Kind::Inner:
                    out += "INNER ";
                    break;
                case ASTTableJoin::Kind::Left:
                    out += "LEFT ";
                    break;
                case ASTTableJoin::Kind::Right:
                    out += "RIGHT ";
                    break;
                case ASTTableJoin::Kind::Full:
                    out += "FULL ";
                    break;
                case ASTTableJoin::Kind::Cross:
                    out += "CROSS ";
                    break;
                case ASTTableJoin::Kind::Paste:
                    out += "PASTE ";
                    break;
                case ASTTableJoin::Kind::Comma:
                    break;
                }
                out += "JOIN ";
                tableExpression(*element_ast.table);
                if (join.on_expression)
                {
                    out += " ON ";
                    element(join.on_expression);
                }
                else if (join.has_using)
                {
                    out += " USING (";
                    elements(join.using_columns);
                    out += ')';
                }
                continue;
            }
            tableExpression(*element_ast.table);
        }
    }
    if (select.prewhere)
    {
        out += " PREWHERE ";
        element(select.prewhere);
    }
    if (select.where)
    {
        out += " WHERE ";
        element(select.where);
    }
    if (select.group_by_all)
        out += " GROUP BY ALL";
    else if (select.group_by_grouping_sets)
    {
        out += " GROUP BY GROUPING SETS (";
        for (size_t i = 0; i < select.group_by.size(); ++i)
        {
            if (i)
                out += ", ";
            out += '(';
            if (const auto * set = select.group_by[i]->as<ASTFunction>())
                elements(set->arguments);
            out += ')';
        }
        out += ')';
    }
    else if (!select.group_by.empty())
    {
        out += " GROUP BY ";
        elements(select.group_by);
    }
    if (select.group_by_with_rollup)
        out += " WITH ROLLUP";
    if (select.group_by_with_cube)
        out += " WITH CUBE";
    if (select.group_by_with_totals)
        out += " WITH TOTALS";
    if (select.having)
    {
        out += " HAVING ";
        element(select.having);
    }
    if (!select.windows.empty())
    {
        out += " WINDOW ";
        for (size_t i = 0; i < select.windows.size(); ++i)
        {
            if (i)
                out += ", ";
            out += quoteIdentifierIfNeeded(select.windows[i].first) + " AS ";
            windowSpec(*select.windows[i].second);
        }
    }
    if (select.qualify)
    {
        out += " QUALIFY ";
        element(select.qualify);
    }
    if (select.order_by_all)
        out += " ORDER BY ALL";
    else if (!select.order_by.empty())
    {
        out += " ORDER BY ";
        orderByList(select.order_by);
    }
    if (select.has_interpolate)
    {
        out += " INTERPOLATE";
        if (!select.interpolate.empty())
        {
            out += " (";
            for (size_t i = 0; i < select.interpolate.size(); ++i)
            {
                out += i ? ", " : "";
                out += quoteIdentifierIfNeeded(select.interpolate[i].first);
                if (select.interpolate[i].second)
                {
                    out += " AS ";
                    element(select.interpolate[i].second);
                }
            }
            out += ")";
        }
    }
    if (select.limit_by_length)
    {
        out += " LIMIT ";
        element(select.limit_by_length);
        if (select.limit_by_offset)
        {
            out += " OFFSET ";
            element(select.limit_by_offset);
        }
        out += " BY ";
        elements(select.limit_by);
    }
    if (select.limit_length)
    {
        out += " LIMIT ";
        element(select.limit_length);
        if (select.limit_offset)
        {
            out += " OFFSET ";
            element(select.limit_offset);
        }
        if (select.limit_with_ties)
            out += " WITH TIES";
    }
    else if (select.limit_offset)
    {
        out += " OFFSET ";
        element(select.limit_offset);
    }
    if (!select.settings.empty())
    {
        out += " SETTINGS ";
        settings(select.settings);
    }
}

void Formatter::selectWithUnion(const ASTSelectWithUnionQuery & query)
{
    using Mode = ASTSelectWithUnionQuery::Mode;
    for (size_t i = 0; i < query.selects.size(); ++i)
    {
        if (i)
        {
            switch (i - 1 < query.modes.size() ? query.modes[i - 1] : Mode::UnionAll)
            {
            case Mode::Unspecified:
                out += " UNION ";
                break;
            case Mode::UnionAll:
                out += " UNION ALL ";
                break;
            case Mode::UnionDistinct:
                out += " UNION DISTINCT ";
                break;
            case Mode::Except:
                out += " EXCEPT ";
                break;
            case Mode::ExceptDistinct:
                out += " EXCEPT DISTINCT ";
                break;
            case Mode::Intersect:
                out += " INTERSECT ";
                break;
            case Mode::IntersectDistinct:
                out += " INTERSECT DISTINCT ";
                break;
            }
        }
        const auto & select = *query.selects[i];
        if (select.kind == ASTKind::SelectWithUnionQuery)
        {
            out += '(';
            selectWithUnion(static_cast<const ASTSelectWithUnionQuery &>(select));
            out += ')';
        }
        else
            selectQuery(static_cast<const ASTSelectQuery &>(select));
    }
    outputClauses(query);
}

void Formatter::outputClauses(const ASTQueryWithOutput & query)
{
    if (!query.out_file.empty())
        out += " INTO OUTFILE " + quoteString(query.out_file);
    if (!query.format.empty())
        out += " FORMAT " + quoteIdentifierIfNeeded(query.format);
    if (!query.output_settings.empty())
    {
        out += " SETTINGS ";
        settings(query.output_settings);
    }
}

void Formatter::columnDeclaration(const ASTColumnDeclaration & column)
{
    using DefaultKind = ASTColumnDeclaration::DefaultKind;
    out += quoteIdentifierIfNeeded(column.name);
    if (!column.type.empty())
        out += " " + column.type;
    if (column.null_modifier)
        out += *column.null_modifier ? " NULL" : " NOT NULL";
    switch (column.default_kind)
    {
    case DefaultKind::None:
        break;
    case DefaultKind::Default:
        out += " DEFAULT";
        break;
    case DefaultKind::Materialized:
        out += " MATERIALIZED";
        break;
    case DefaultKind::Alias:
        out += " ALIAS";
        break;
    case DefaultKind::Ephemeral:
        out += " EPHEMERAL";
        break;
    }
    if (column.default_expression)
    {
        out += ' ';
        operand(column.default_expression, 0);
    }
    if (column.has_comment)
        out += " COMMENT " + quoteString(column.comment);
    if (!column.codec.empty())
        out += " CODEC(" + column.codec + ")";
    if (column.ttl)
    {
        out += " TTL ";
        operand(column.ttl, 0);
    }
}

void Formatter::indexDeclaration(const ASTIndexDeclaration & index)
{
    out += quoteIdentifierIfNeeded(index.name) + " ";
    operand(index.expression, 0);
    out += " TYPE ";
    const auto * type = index.type ? index.type->as<ASTFunction>() : nullptr;
    if (type && type->arguments.empty() && !type->has_parameters)
        out += quoteIdentifierIfNeeded(type->name);
    else if (index.type)
        expression(*index.type, 0);
    if (index.granularity)
        out += " GRANULARITY " + std::to_string(index.granularity);
}

void Formatter::ttlList(const std::vector<std::shared_ptr<ASTTTLElement>> & ttl)
{
    for (size_t i = 0; i < ttl.size(); ++i)
    {
        if (i)
            out += ", ";
        const auto & rule = *ttl[i];
        operand(rule.expression, 0);
        switch (rule.mode)
        {
        case ASTTTLElement::Mode::Delete:
            break;
        case ASTTTLElement::Mode::ToDisk:
            out += " TO DISK " + quoteString(rule.destination);
            break;
        case ASTTTLElement::Mode::ToVolume:
            out += " TO VOLUME " + quoteString(rule.destination);
            break;
        case ASTTTLElement::Mode::Recompress:
            out += " RECOMPRESS CODEC(" + rule.destination + ")";
            break;
        }
        if (rule.where)
        {
            out += " WHERE ";
            operand(rule.where, 0);
        }
    }
}

void Formatter::storage(const ASTStorage & storage_ast)
{
    bool first = true;
    auto clause = [&](const char * keyword)
    {
        if (!first)
            out += ' ';
        first = false;
        out += keyword;
    };
    if (storage_ast.engine)
    {
        clause("ENGINE = ");
        out += quoteIdentifierIfNeeded(storage_ast.engine->name);
        if (storage_ast.engine_has_parentheses || !storage_ast.engine->arguments.empty())
        {
            out += '(';
            elements(storage_ast.engine->arguments);
            out += ')';
        }
    }
    if (storage_ast.partition_by)
    {
        clause("PARTITION BY ");
        operand(storage_ast.partition_by, 0);
    }
    if (storage_ast.primary_key)
    {
        clause("PRIMARY KEY ");
        operand(storage_ast.primary_key, 0);
    }
    if (storage_ast.order_by)
    {
        clause("ORDER BY ");
        operand(storage_ast.order_by, 0);
    }
    if (storage_ast.sample_by)
    {
        clause("SAMPLE BY ");
        operand(storage_ast.sample_by, 0);
    }
    if (!storage_ast.ttl.empty())
    {
        clause("TTL ");
        ttlList(storage_ast.ttl);
    }
    if (!storage_ast.settings.empty())
    {
        clause("SETTINGS ");
        settings(storage_ast.settings);
    }
}

void Formatter::createTable(const ASTCreateTableQuery & query)
{
    out += "CREATE ";
    if (query.or_replace)
        out += "OR REPLACE ";
    if (query.temporary)
        out += "TEMPORARY ";
    if (query.is_materialized_view)
        out += "MATERIALIZED VIEW ";
    else if (query.is_view)
        out += "VIEW ";
    else
        out += "TABLE ";
    if (query.if_not_exists)
        out += "IF NOT EXISTS ";
    tableName(query.database, query.table);
    if (!query.to_table.empty())
    {
        out += " TO ";
        tableName(query.to_database, query.to_table);
    }
    if (!query.columns.empty() || !query.indexes.empty() || query.columns_primary_key)
    {
        out += " (";
        bool first = true;
        for (const auto & column : query.columns)
        {
            if (!first)
                out += ", ";
            first = false;
            columnDeclaration(*column);
        }
        for (const auto & index : query.indexes)
        {
            if (!first)
                out += ", ";
            first = false;
            out += "INDEX ";
            indexDeclaration(*index);
        }
        if (query.columns_primary_key)
        {
            if (!first)
                out += ", ";
            out += "PRIMARY KEY ";
            operand(query.columns_primary_key, 0);
        }
        out += ')';
    }
    if (!query.as_table.empty())
    {
        out += " AS ";
        tableName(query.as_database, query.as_table);
    }
    else if (query.as_table_function)
    {
        out += " AS ";
        function(static_cast<const ASTFunction &>(*query.as_table_function));
    }
    if (query.storage)
    {
        out += ' ';
        storage(*query.storage);
    }
    if (query.populate)
        out += " POPULATE";
    if (query.select)
    {
        out += " AS ";
        node(*query.select);
    }
    if (query.has_comment)
        out += " COMMENT " + quoteString(query.comment);
}

void Formatter::alterCommand(const ASTAlterCommand & command)
{
    using Type = ASTAlterCommand::Type;
    auto partition = [&]
    {
        if (!command.partition_id.empty())
            out += "ID " + quoteString(command.partition_id);
        else if (command.partition)
            operand(command.partition, 0);
    };
    switch (command.type)
    {
    case Type::Delete:
        out += "DELETE WHERE ";
        operand(command.predicate, 0);
        break;
    case Type::Update:
        out += "UPDATE ";
        for (size_t i = 0; i < command.update_assignments.size(); ++i)
        {
            if (i)
                out += ", ";
            out += quoteIdentifierIfNeeded(command.update_assignments[i].first) + " = ";
            operand(command.update_assignments[i].second, 0);
        }
        out += " WHERE ";
        operand(command.predicate, 0);
        break;
    case Type::AddColumn:
        out += "ADD COLUMN ";
        if (command.if_not_exists)
            out += "IF NOT EXISTS ";
        columnDeclaration(*command.column);
        if (!command.after_column.empty())
            out += " AFTER " + quoteIdentifierIfNeeded(command.after_column);
        else if (command.first)
            out += " FIRST";
        break;
    case Type::DropColumn:
        out += command.if_exists ? "DROP COLUMN IF EXISTS " : "DROP COLUMN ";
        out += quoteIdentifierIfNeeded(command.column_name);
        break;
    case Type::ModifyColumn:
        out += command.if_exists ? "MODIFY COLUMN IF EXISTS " : "MODIFY COLUMN ";
        columnDeclaration(*command.column);
        break;
    case Type::RenameColumn:
        out += command.if_exists ? "RENAME COLUMN IF EXISTS " : "RENAME COLUMN ";
        out += quoteIdentifierIfNeeded(command.column_name) + " TO " + quoteIdentifierIfNeeded(command.rename_to);
        break;
    case Type::CommentColumn:
        out += command.if_exists ? "COMMENT COLUMN IF EXISTS " : "COMMENT COLUMN ";
        out += quoteIdentifierIfNeeded(command.column_name) + " " + quoteString(command.comment);
        break;
    case Type::ClearColumn:
        out += command.if_exists ? "CLEAR COLUMN IF EXISTS " : "CLEAR COLUMN ";
        out += quoteIdentifierIfNeeded(command.column_name);
        if (command.partition || !command.partition_id.empty())
        {
            out += " IN PARTITION ";
            partition();
        }
        break;
    case Type::AddIndex:
        out += command.if_not_exists ? "ADD INDEX IF NOT EXISTS " : "ADD INDEX ";
        indexDeclaration(*command.index);
        break;
    case Type::DropIndex:
        out += command.if_exists ? "DROP INDEX IF EXISTS " : "DROP INDEX ";
        out += quoteIdentifierIfNeeded(command.index_name);
        break;
    case Type::MaterializeIndex:
        out += "MATERIALIZE INDEX " + quoteIdentifierIfNeeded(command.index_name);
        if (command.partition || !command.partition_id.empty())
        {
            out += " IN PARTITION ";
            partition();
        }
        break;
    case Type::ModifyOrderBy:
        out += "MODIFY ORDER BY ";
        operand(command.order_by, 0);
        break;
    case Type::ModifyTTL:
        out += "MODIFY TTL ";
        ttlList(command.ttl);
        break;
    case Type::RemoveTTL:
        out += "REMOVE TTL";
        break;
    case Type::ModifySetting:
        out += "MODIFY SETTING ";
        settings(command.settings);
        break;
    case Type::ModifyComment:
        out += "MODIFY COMMENT " + quoteString(command.comment);
        break;
    case Type::DropPartition:
        out += "DROP PARTITION ";
        partition();
        break;
    }
}

void Formatter::node(const ASTNode & ast)
{
    switch (ast.kind)
    {
    case ASTKind::Literal:
    case ASTKind::Identifier:
    case ASTKind::Asterisk:
    case ASTKind::Function:
    case ASTKind::Lambda:
    case ASTKind::Subquery:
    case ASTKind::QueryParameter:
        expression(ast, 0);
        if (!ast.alias.empty())
            out += " AS " + quoteIdentifierIfNeeded(ast.alias);
        return;
    case ASTKind::OrderByElement:
    {
        ASTOrderByList list {std::static_pointer_cast<ASTOrderByElement>(ast.clone())};
        orderByList(list);
        return;
    }
    case ASTKind::WindowSpec:
        windowSpec(static_cast<const ASTWindowSpec &>(ast));
        return;
    case ASTKind::WithElement:
    {
        const auto & cte = static_cast<const ASTWithElement &>(ast);
        out += quoteIdentifierIfNeeded(cte.name) + " AS ";
        expression(*cte.subquery, 0);
        return;
    }
    case ASTKind::TableExpression:
        tableExpression(static_cast<const ASTTableExpression &>(ast));
        return;
    case ASTKind::TableJoin:
    case ASTKind::ArrayJoin:
    case ASTKind::TablesElement:
    {
        /// Parts of FROM are formatted in the context of their SELECT.
        ASTSelectQuery select;
        auto element_ast = std::make_shared<ASTTablesElement>();
        if (ast.kind == ASTKind::TablesElement)
            element_ast = std::static_pointer_cast<ASTTablesElement>(ast.clone());
        else if (ast.kind == ASTKind::ArrayJoin)
            element_ast->array_join = std::static_pointer_cast<ASTArrayJoin>(ast.clone());
        else
            return;
        std::string saved = std::move(out);
        out.clear();
        select.tables.push_back(element_ast);
        Formatter inner;
        inner.selectQuery(select);
        out = std::move(saved);
        size_t from = inner.out.find(" FROM ");
        out += from == std::string::npos ? inner.out : inner.out.substr(from + 6);
        return;
    }
    case ASTKind::ColumnDeclaration:
        columnDeclaration(static_cast<const ASTColumnDeclaration &>(ast));
        return;
    case ASTKind::IndexDeclaration:
        indexDeclaration(static_cast<const ASTIndexDeclaration &>(ast));
        return;
    case ASTKind::Storage:
        storage(static_cast<const ASTStorage &>(ast));
        return;
    case ASTKind::TTLElement:
        ttlList({std::static_pointer_cast<ASTTTLElement>(ast.clone())});
        return;
    case ASTKind::AlterCommand:
        alterCommand(static_cast<const ASTAlterCommand &>(ast));
        return;
    case ASTKind::SelectQuery:
        selectQuery(static_cast<const ASTSelectQuery &>(ast));
        return;
    case ASTKind::SelectWithUnionQuery:
        selectWithUnion(static_cast<const ASTSelectWithUnionQuery &>(ast));
        return;
    case ASTKind::CreateTableQuery:
        createTable(static_cast<const ASTCreateTableQuery &>(ast));
        return;
    case ASTKind::CreateDatabaseQuery:
    {
        const auto & query = static_cast<const ASTCreateDatabaseQuery &>(ast);
        out += query.if_not_exists ? "CREATE DATABASE IF NOT EXISTS " : "CREATE DATABASE ";
        out += quoteIdentifierIfNeeded(query.database);
        if (query.storage)
        {
            out += ' ';
            storage(*query.storage);
        }
        if (!query.comment.empty())
            out += " COMMENT " + quoteString(query.comment);
        return;
    }
    case ASTKind::DropQuery:
    {
        const auto & query = static_cast<const ASTDropQuery &>(ast);
        if (query.kind == ASTDropQuery::Kind::Truncate)
        {
            out += query.temporary ? "TRUNCATE TEMPORARY TABLE " : "TRUNCATE TABLE ";
            if (query.if_exists)
                out += "IF EXISTS ";
            tableName(query.database, query.table);
            return;
        }
        out += query.kind == ASTDropQuery::Kind::Detach ? "DETACH " : "DROP ";
        if (query.object == ASTDropQuery::Object::Database)
        {
            out += query.if_exists ? "DATABASE IF EXISTS " : "DATABASE ";
            out += quoteIdentifierIfNeeded(query.database);
        }
        else
        {
            if (query.temporary)
                out += "TEMPORARY ";
            out += query.object == ASTDropQuery::Object::View
                       ? "VIEW "
                       : (query.object == ASTDropQuery::Object::Dictionary ? "DICTIONARY " : "TABLE ");
            if (query.if_exists)
                out += "IF EXISTS ";
            tableName(query.database, query.table);
        }
        if (query.sync)
            out += " SYNC";
        return;
    }
    case ASTKind::ShowTablesQuery:
    {
        const auto & query = static_cast<const ASTShowTablesQuery &>(ast);
        if (query.kind == ASTShowTablesQuery::Kind::CreateTable)
        {
            out += query.temporary ? "SHOW CREATE TEMPORARY TABLE " : "SHOW CREATE TABLE ";
            tableName(query.database, query.table);
        }
        else
        {
            if (query.kind == ASTShowTablesQuery::Kind::Databases)
                out += "SHOW DATABASES";
            else
            {
                out += query.temporary ? "SHOW TEMPORARY TABLES" : "SHOW TABLES";
                if (!query.database.empty())
                    out += " FROM " + quoteIdentifierIfNeeded(query.database);
            }
            if (query.has_like)
            {
                out += query.not_like ? " NOT" : "";
                out += query.case_insensitive_like ? " ILIKE " : " LIKE ";
                out += quoteString(query.like);
            }
            if (query.limit)
            {
                out += " LIMIT ";
                operand(query.limit, 0);
            }
        }
        outputClauses(query);
        return;
    }
    case ASTKind::DescribeQuery:
    {
        const auto & query = static_cast<const ASTDescribeQuery &>(ast);
        out += "DESCRIBE TABLE ";
        tableExpression(*query.table);
        outputClauses(query);
        return;
    }
    case ASTKind::ExistsQuery:
    {
        const auto & query = static_cast<const ASTExistsQuery &>(ast);
        if (query.is_database)
            out += "EXISTS DATABASE " + quoteIdentifierIfNeeded(query.database);
        else
        {
            out += "EXISTS TABLE ";
            tableName(query.database, query.table);
        }
        outputClauses(query);
        return;
    }
    case ASTKind::InsertQuery:
    {
        const auto & query = static_cast<const ASTInsertQuery &>(ast);
        out += "INSERT INTO ";
        if (query.table_function)
        {
            out += "FUNCTION ";
            function(static_cast<const ASTFunction &>(*query.table_function));
        }
        else
            tableName(query.database, query.table);
        if (!query.columns.empty())
        {
            out += " (";
            for (size_t i = 0; i < query.columns.size(); ++i)
            {
                if (i)
                    out += ", ";
                out += quoteIdentifierIfNeeded(query.columns[i]);
            }
            out += ')';
        }
        if (!query.settings.empty())
        {
            out += " SETTINGS ";
            settings(query.settings);
        }
        switch (query.kind)
        {
        case ASTInsertQuery::Kind::Values:
            out += " VALUES";
            break;
        case ASTInsertQuery::Kind::Format:
            out += " FORMAT " + quoteIdentifierIfNeeded(query.format);
            break;
        case ASTInsertQuery::Kind::Select:
            out += ' ';
            node(*query.select);
            break;
        }
        return;
    }
    case ASTKind::OptimizeQuery:
    {
        const auto & query = static_cast<const ASTOptimizeQuery &>(ast);
        out += "OPTIMIZE TABLE ";
        tableName(query.database, query.table);
        if (!query.partition_id.empty())
            out += " PARTITION ID " + quoteString(query.partition_id);
        else if (query.partition)
        {
            out += " PARTITION ";
            operand(query.partition, 0);
        }
        if (query.final)
            out += " FINAL";
        if (query.deduplicate)
        {
            out += " DEDUPLICATE";
            if (!query.deduplicate_by.empty())
            {
                out += " BY ";
                elements(query.deduplicate_by);
            }
        }
        return;
    }
    case ASTKind::AlterQuery:
    {
        const auto & query = static_cast<const ASTAlterQuery &>(ast);
        out += "ALTER TABLE ";
        tableName(query.database, query.table);
        for (size_t i = 0; i < query.commands.size(); ++i)
        {
            out += i ? ", " : " ";
            alterCommand(*query.commands[i]);
        }
        if (!query.settings.empty())
        {
            out += " SETTINGS ";
            settings(query.settings);
        }
        return;
    }
    case ASTKind::ExplainQuery:
    {
        const auto & query = static_cast<const ASTExplainQuery &>(ast);
        static const char * kinds[] = {"AST", "SYNTAX", "PLAN", "PIPELINE", "ESTIMATE"};
        out += "EXPLAIN ";
        out += kinds[static_cast<int>(query.explain_kind)];
        if (!query.options.empty())
        {
            out += ' ';
            settings(query.options);
        }
        out += ' ';
        if (query.query)
            node(*query.query);
        outputClauses(query);
        return;
    }
    case ASTKind::SetQuery:
        out += "SET ";
        settings(static_cast<const ASTSetQuery &>(ast).changes);
        return;
    case ASTKind::UseQuery:
        out += "USE " + quoteIdentifierIfNeeded(static_cast<const ASTUseQuery &>(ast).database);
        return;
    case ASTKind::RenameQuery:
    {
        const auto & query = static_cast<const ASTRenameQuery &>(ast);
        out += query.exchange ? "EXCHANGE TABLES " : "RENAME TABLE ";
        for (size_t i = 0; i < query.elements.size(); ++i)
        {
            if (i)
                out += ", ";
            tableName(query.elements[i].from_database, query.elements[i].from_table);
            out += query.exchange ? " AND " : " TO ";
            tableName(query.elements[i].to_database, query.elements[i].to_table);
        }
        return;
    }
    }
}

/// ClickHouse default column names.
void appendColumnName(const ASTNode & ast, std::string & out);

void appendColumnNameList(const ASTs & list, std::string & out)
{
    for (size_t i = 0; i < list.size(); ++i)
    {
        if (i)
            out += ", ";
        appendColumnName(*list[i], out);
    }
}

void appendColumnName(const ASTNode & ast, std::string & out)
{
    switch (ast.kind)
    {
    case ASTKind::Literal:
    {
        const auto & literal = static_cast<const ASTLiteral &>(ast);
        out += formatField(literal.value, literal.is_bool);
        return;
    }
    case ASTKind::Identifier:
        out += static_cast<const ASTIdentifier &>(ast).name();
        return;
    case ASTKind::Function:
    {
        const auto & function = static_cast<const ASTFunction &>(ast);
        out += function.name;
        if (function.has_parameters)
        {
            out += '(';
            appendColumnNameList(function.parameters, out);
            out += ')';
        }
        out += '(';
        appendColumnNameList(function.arguments, out);
        out += ')';
        if (function.window_definition)
        {
            Formatter formatter;
            formatter.windowSpec(*function.window_definition);
            out += " OVER " + formatter.out;
        }
        else if (!function.window_name.empty())
            out += " OVER " + function.window_name;
        return;
    }
    case ASTKind::Lambda:
    {
        const auto & lambda = static_cast<const ASTLambda &>(ast);
        out += "lambda(tuple(";
        for (size_t i = 0; i < lambda.params.size(); ++i)
        {
            if (i)
                out += ", ";
            out += lambda.params[i];
        }
        out += "), ";
        appendColumnName(*lambda.body, out);
        out += ')';
        return;
    }
    default:
    {
        Formatter formatter;
        formatter.expression(ast, 0);
        out += formatter.out;
        return;
    }
    }
}

const char * kindName(ASTKind kind)
{
    switch (kind)
    {
    case ASTKind::Literal:
        return "Literal";
    case ASTKind::Identifier:
        return "Identifier";
    case ASTKind::Asterisk:
        return "Asterisk";
    case ASTKind::Function:
        return "Function";
    case ASTKind::Lambda:
        return "Lambda";
    case ASTKind::Subquery:
        return "Subquery";
    case ASTKind::QueryParameter:
        return "QueryParameter";
    case ASTKind::OrderByElement:
        return "OrderByElement";
    case ASTKind::WindowSpec:
        return "WindowSpec";
    case ASTKind::WithElement:
        return "WithElement";
    case ASTKind::TableExpression:
        return "TableExpression";
    case ASTKind::TableJoin:
        return "TableJoin";
    case ASTKind::ArrayJoin:
        return "ArrayJoin";
    case ASTKind::TablesElement:
        return "TablesElement";
    case ASTKind::ColumnDeclaration:
        return "ColumnDeclaration";
    case ASTKind::IndexDeclaration:
        return "IndexDeclaration";
    case ASTKind::Storage:
        return "Storage";
    case ASTKind::TTLElement:
        return "TTLElement";
    case ASTKind::AlterCommand:
        return "AlterCommand";
    case ASTKind::SelectQuery:
        return "SelectQuery";
    case ASTKind::SelectWithUnionQuery:
        return "SelectWithUnionQuery";
    case ASTKind::CreateTableQuery:
        return "CreateTableQuery";
    case ASTKind::CreateDatabaseQuery:
        return "CreateDatabaseQuery";
    case ASTKind::DropQuery:
        return "DropQuery";
    case ASTKind::ShowTablesQuery:
        return "ShowTablesQuery";
    case ASTKind::DescribeQuery:
        return "DescribeQuery";
    case ASTKind::InsertQuery:
        return "InsertQuery";
    case ASTKind::OptimizeQuery:
        return "OptimizeQuery";
    case ASTKind::AlterQuery:
        return "AlterQuery";
    case ASTKind::ExplainQuery:
        return "ExplainQuery";
    case ASTKind::SetQuery:
        return "SetQuery";
    case ASTKind::UseQuery:
        return "UseQuery";
    case ASTKind::ExistsQuery:
        return "ExistsQuery";
    case ASTKind::RenameQuery:
        return "RenameQuery";
    }
    return "Node";
}

void dumpNode(const ASTNode & ast, size_t indent, std::string & out)
{
    out.append(indent * 2, ' ');
    out += kindName(ast.kind);
    switch (ast.kind)
    {
    case ASTKind::Literal:
    {
        const auto & literal = static_cast<const ASTLiteral &>(ast);
        static const char * which[] = {"Null",   "UInt64", "Int64", "Float64", "UInt128", "Int128",
                                       "String", "Array",  "Tuple", "Map",     "Decimal"};
        out += std::string(" ") + which[static_cast<int>(literal.value.which())] + "_" + formatField(literal.value, literal.is_bool);
        break;
    }
    case ASTKind::Identifier:
        out += " " + static_cast<const ASTIdentifier &>(ast).name();
        break;
    case ASTKind::Function:
    {
        const auto & function = static_cast<const ASTFunction &>(ast);
        out += " " + function.name;
        if (function.has_parameters)
            out += " (parametric: " + std::to_string(function.parameters.size()) + ")";
        if (!function.window_name.empty())
            out += " OVER " + function.window_name;
        break;
    }
    case ASTKind::Lambda:
    {
        const auto & lambda = static_cast<const ASTLambda &>(ast);
        for (const auto & param : lambda.params)
            out += " " + param;
        break;
    }
    case ASTKind::OrderByElement:
    {
        const auto & element = static_cast<const ASTOrderByElement &>(ast);
        out += element.direction < 0 ? " DESC" : " ASC";
        out += " nulls=" + std::to_string(element.nulls_direction);
        if (!element.collation.empty())
            out += " collate=" + element.collation;
        if (element.with_fill)
            out += " WITH FILL";
        break;
    }
    case ASTKind::TableJoin:
    {
        const auto & join = static_cast<const ASTTableJoin &>(ast);
        out += " kind=" + std::to_string(static_cast<int>(join.kind)) + " strictness=" + std::to_string(static_cast<int>(join.strictness));
        if (join.global)
            out += " GLOBAL";
        if (join.has_using)
            out += " USING";
        break;
    }
    case ASTKind::ArrayJoin:
        out += static_cast<const ASTArrayJoin &>(ast).left ? " LEFT" : "";
        break;
    case ASTKind::SelectWithUnionQuery:
    {
        const auto & query = static_cast<const ASTSelectWithUnionQuery &>(ast);
        for (auto mode : query.modes)
            out += " mode=" + std::to_string(static_cast<int>(mode));
        break;
    }
    default:
    {
        /// Statements and structural nodes: their own one-line SQL carries every scalar field.
        if (ast.kind != ASTKind::Subquery && ast.kind != ASTKind::TablesElement && ast.kind != ASTKind::Asterisk &&
            ast.kind != ASTKind::QueryParameter && ast.kind != ASTKind::WindowSpec)
        {
            Formatter formatter;
            formatter.node(ast);
            std::string text = formatter.out;
            if (text.size() > 200)
                text = text.substr(0, 200) + "...";
            out += " [" + text + "]";
        }
        else if (ast.kind != ASTKind::Subquery && ast.kind != ASTKind::TablesElement)
        {
            Formatter formatter;
            formatter.node(ast);
            out += " " + formatter.out;
        }
        break;
    }
    }
    if (!ast.alias.empty())
        out += " (alias " + ast.alias + ")";
    if (ast.kind == ASTKind::Function && static_cast<const ASTFunction &>(ast).is_operator)
        out += " (operator)";
    out += '\n';
    ast.forEachChild([&](const ASTPtr & child) { dumpNode(*child, indent + 1, out); });
}

} // namespace

std::string formatAST(const ASTNode & node)
{
    Formatter formatter;
    formatter.node(node);
    return std::move(formatter.out);
}

std::string formatColumnName(const ASTNode & node)
{
    std::string out;
    appendColumnName(node, out);
    return out;
}

std::string dumpAST(const ASTNode & node)
{
    std::string out;
    dumpNode(node, 0, out);
    return out;
}

std::string quoteIdentifierIfNeeded(std::string_view name)
{
    bool plain = !name.empty() && !(name[0] >= '0' && name[0] <= '9');
    for (char c : name)
        plain = plain && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_');
    if (plain && !isKeywordRequiringQuotes(name))
        return std::string(name);
    std::string out = "`";
    for (char c : name)
    {
        if (c == '`' || c == '\\')
            out += '\\';
        out += c;
    }
    out += '`';
    return out;
}

std::string quoteString(std::string_view value)
{
    std::string out = "'";
    for (char c : value)
    {
        switch (c)
        {
        case '\'':
            out += "\\'";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\0':
            out += "\\0";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        default:
            out += c;
            break;
        }
    }
    out += '\'';
    return out;
}

} // namespace pipit

#include "engine/types/DataTypeFactory.h"

#include "engine/base/Exception.h"
#include "engine/types/DataTypeArray.h"
#include "engine/types/DataTypeBool.h"
#include "engine/types/DataTypeDate.h"
#include "engine/types/DataTypeDate32.h"
#include "engine/types/DataTypeDateTime.h"
#include "engine/types/DataTypeDateTime64.h"
#include "engine/types/DataTypeDecimal.h"
#include "engine/types/DataTypeFixedString.h"
#include "engine/types/DataTypeLowCardinality.h"
#include "engine/types/DataTypeMap.h"
#include "engine/types/DataTypeNothing.h"
#include "engine/types/DataTypeNullable.h"
#include "engine/types/DataTypeNumber.h"
#include "engine/types/DataTypeString.h"
#include "engine/types/DataTypeTuple.h"
#include "engine/types/DataTypeUUID.h"

#include <algorithm>
#include <functional>
#include <unordered_map>

namespace pipit
{

namespace
{

std::string toUpper(std::string_view s)
{
    std::string r(s);
    for (char & c : r)
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
    return r;
}

/// Simple (parameterless) types by exact name.
DataTypePtr simpleTypeByName(std::string_view name)
{
    static const std::unordered_map<std::string_view, std::function<DataTypePtr()>> exact = {
        {"UInt8",
         []
         {
             return std::make_shared<DataTypeUInt8>();
         }},
        {"UInt16",
         []
         {
             return std::make_shared<DataTypeUInt16>();
         }},
        {"UInt32",
         []
         {
             return std::make_shared<DataTypeUInt32>();
         }},
        {"UInt64",
         []
         {
             return std::make_shared<DataTypeUInt64>();
         }},
        {"UInt128",
         []
         {
             return std::make_shared<DataTypeUInt128>();
         }},
        {"Int8",
         []
         {
             return std::make_shared<DataTypeInt8>();
         }},
        {"Int16",
         []
         {
             return std::make_shared<DataTypeInt16>();
         }},
        {"Int32",
         []
         {
             return std::make_shared<DataTypeInt32>();
         }},
        {"Int64",
         []
         {
             return std::make_shared<DataTypeInt64>();
         }},
        {"Int128",
         []
         {
             return std::make_shared<DataTypeInt128>();
         }},
        {"Float32",
         []
         {
             return std::make_shared<DataTypeFloat32>();
         }},
        {"Float64",
         []
         {
             return std::make_shared<DataTypeFloat64>();
         }},
        {"Bool",
         []
         {
             return std::make_shared<DataTypeBool>();
         }},
        {"String",
         []
         {
             return std::make_shared<DataTypeString>();
         }},
        {"UUID",
         []
         {
             return std::make_shared<DataTypeUUID>();
         }},
        {"Date",
         []
         {
             return std::make_shared<DataTypeDate>();
         }},
        {"Date32",
         []
         {
             return std::make_shared<DataTypeDate32>();
         }},
        {"Nothing",
         []
         {
             return std::make_shared<DataTypeNothing>();
         }},
    };
    if (auto it = exact.find(name); it != exact.end())
        return it->second();
    return nullptr;
}

/// Case-insensitive aliases (upper-cased key) -> canonical name.
const std::unordered_map<std::string, std::string_view> & aliases()
{
    static const std::unordered_map<std::string, std::string_view> map = {
        {"TINYINT", "Int8"},
        {"INT1", "Int8"},
        {"BYTE", "Int8"},
        {"TINYINT SIGNED", "Int8"},
        {"INT1 SIGNED", "Int8"},
        {"TINYINT UNSIGNED", "UInt8"},
        {"INT1 UNSIGNED", "UInt8"},
        {"SMALLINT", "Int16"},
        {"SMALLINT SIGNED", "Int16"},
        {"SMALLINT UNSIGNED", "UInt16"},
        {"YEAR", "UInt16"},
        {"INT", "Int32"},
        {"INTEGER", "Int32"},
        {"MEDIUMINT", "Int32"},
        {"INT SIGNED", "Int32"},
        {"INTEGER SIGNED", "Int32"},
        {"MEDIUMINT SIGNED", "Int32"},
        {"INT UNSIGNED", "UInt32"},
        {"INTEGER UNSIGNED", "UInt32"},
        {"MEDIUMINT UNSIGNED", "UInt32"},
        {"BIGINT", "Int64"},
        {"SIGNED", "Int64"},
        {"BIGINT SIGNED", "Int64"},
        {"TIME", "Int64"},
        {"BIGINT UNSIGNED", "UInt64"},
        {"UNSIGNED", "UInt64"},
        {"BIT", "UInt64"},
        {"SET", "UInt64"},
        {"FLOAT", "Float32"},
        {"REAL", "Float32"},
        {"SINGLE", "Float32"},
        {"DOUBLE", "Float64"},
        {"DOUBLE PRECISION", "Float64"},
        {"BOOL", "Bool"},
        {"BOOLEAN", "Bool"},
        {"TEXT", "String"},
        {"TINYTEXT", "String"},
        {"MEDIUMTEXT", "String"},
        {"LONGTEXT", "String"},
        {"BLOB", "String"},
        {"TINYBLOB", "String"},
        {"MEDIUMBLOB", "String"},
        {"LONGBLOB", "String"},
        {"CHAR", "String"},
        {"VARCHAR", "String"},
        {"CHARACTER", "String"},
        {"NCHAR", "String"},
        {"NVARCHAR", "String"},
        {"VARCHAR2", "String"},
        {"CLOB", "String"},
        {"VARBINARY", "String"},
        {"BYTEA", "String"},
        {"CHAR VARYING", "String"},
        {"CHARACTER VARYING", "String"},
        {"NATIONAL CHAR", "String"},
        {"NATIONAL CHARACTER", "String"},
        {"NATIONAL CHAR VARYING", "String"},
        {"NATIONAL CHARACTER VARYING", "String"},
        {"CHARACTER LARGE OBJECT", "String"},
        {"BINARY VARYING", "String"},
        {"BINARY LARGE OBJECT", "String"},
        {"NCHAR VARYING", "String"},
        {"NCHAR LARGE OBJECT", "String"},
        {"BINARY", "FixedString"},
        {"DATE", "Date"},
        {"DATE32", "Date32"},
        {"DATETIME", "DateTime"},
        {"TIMESTAMP", "DateTime"},
        {"DATETIME64", "DateTime64"},
        {"DECIMAL", "Decimal"},
        {"DEC", "Decimal"},
        {"NUMERIC", "Decimal"},
        {"FIXED", "Decimal"},
        {"UUID", "UUID"},
        {"NULLABLE", "Nullable"},
        {"STRING", "String"},
    };
    return map;
}

/// Second words that may follow a first word to form a multi-word alias.
bool isAliasContinuation(const std::string & upper)
{
    return upper == "SIGNED" || upper == "UNSIGNED" || upper == "PRECISION" || upper == "VARYING" || upper == "CHAR" ||
           upper == "CHARACTER" || upper == "LARGE" || upper == "OBJECT";
}

/// String-typed aliases accept and ignore length parameters: VARCHAR(255).
bool ignoresArguments(std::string_view canonical)
{
    return canonical == "String";
}

class TypeNameParser
{
public:
    explicit TypeNameParser(std::string_view input)
        : input_(input)
    {
    }

    DataTypePtr parseAll()
    {
        DataTypePtr type = parseType();
        skipSpaces();
        if (pos_ != input_.size())
            syntaxError("unexpected text after type");
        return type;
    }

private:
    struct Argument
    {
        enum class Kind
        {
            Type,
            Number,
            String,
        } kind;
        DataTypePtr type;
        UInt64 number = 0;
        std::string string;
        std::string element_name; /// Tuple element name, if given
        size_t position = 0;
    };

    [[noreturn]] void syntaxError(const std::string & what) const
    {
        throw Exception(ErrorCode::SYNTAX_ERROR, "Syntax error in data type: " + what + " at position " + std::to_string(pos_ + 1) +
                                                     " in '" + std::string(input_) + "'");
    }

    [[noreturn]] void unknownType(std::string_view name, size_t at) const
    {
        throw Exception(ErrorCode::UNKNOWN_TYPE, "Unknown data type '" + std::string(name) + "' at position " + std::to_string(at + 1) +
                                                     " in '" + std::string(input_) + "'");
    }

    [[noreturn]] void badArguments(std::string_view name, const std::string & what, size_t at) const
    {
        throw Exception(ErrorCode::BAD_ARGUMENTS, "Data type " + std::string(name) + " " + what + " at position " + std::to_string(at + 1) +
                                                      " in '" + std::string(input_) + "'");
    }

    void skipSpaces()
    {
        while (pos_ < input_.size() && (input_[pos_] == ' ' || input_[pos_] == '\t' || input_[pos_] == '\n' || input_[pos_] == '\r'))
            ++pos_;
    }

    bool peekIs(char c)
    {
        skipSpaces();
        return pos_ < input_.size() && input_[pos_] == c;
    }

    static bool isIdentStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
    static bool isIdentChar(char c) { return isIdentStart(c) || (c >= '0' && c <= '9'); }

    std::string_view readIdentifier()
    {
        skipSpaces();
        size_t start = pos_;
        if (pos_ >= input_.size() || !isIdentStart(input_[pos_]))
            syntaxError(pos_ >= input_.size() ? "expected type name, got end of input" : "expected type name");
        while (pos_ < input_.size() && isIdentChar(input_[pos_]))
            ++pos_;
        return input_.substr(start, pos_ - start);
    }

    /// Backquoted or plain identifier used as a Tuple element name.
    std::string readElementName()
    {
        skipSpaces();
        if (pos_ < input_.size() && (input_[pos_] == '`' || input_[pos_] == '"'))
        {
            char quote = input_[pos_++];
            std::string name;
            while (pos_ < input_.size() && input_[pos_] != quote)
            {
                if (input_[pos_] == '\\' && pos_ + 1 < input_.size())
                    ++pos_;
                name.push_back(input_[pos_++]);
            }
            if (pos_ >= input_.size())
                syntaxError("unterminated quoted name");
            ++pos_;
            return name;
        }
        return std::string(readIdentifier());
    }

    std::string readStringLiteral()
    {
        skipSpaces();
        if (pos_ >= input_.size() || input_[pos_] != '\'')
            syntaxError("expected string literal");
        ++pos_;
        std::string s;
        while (true)
        {
            if (pos_ >= input_.size())
                syntaxError("unterminated string literal");
            char c = input_[pos_++];
            if (c == '\\' && pos_ < input_.size())
                s.push_back(input_[pos_++]);
            else if (c == '\'')
            {
                if (pos_ < input_.size() && input_[pos_] == '\'')
                {
                    s.push_back('\'');
                    ++pos_;
                }
                else
                    break;
            }
            else
                s.push_back(c);
        }
        return s;
    }

    UInt64 readNumber()
    {
        skipSpaces();
        size_t start = pos_;
        UInt64 v = 0;
        while (pos_ < input_.size() && input_[pos_] >= '0' && input_[pos_] <= '9')
        {
            if (v > 1'000'000'000'000ULL)
                syntaxError("number is too large");
            v = v * 10 + static_cast<UInt64>(input_[pos_++] - '0');
        }
        if (pos_ == start)
            syntaxError("expected number");
        return v;
    }

    /// One argument inside parentheses: a type, a number, a string, or `name Type` (tuples).
    Argument parseArgument(bool allow_element_name)
    {
        skipSpaces();
        Argument arg;
        arg.position = pos_;
        if (pos_ >= input_.size())
            syntaxError("expected argument, got end of input");
        char c = input_[pos_];
        if (c == '\'')
        {
            arg.kind = Argument::Kind::String;
            arg.string = readStringLiteral();
            return arg;
        }
        if (c >= '0' && c <= '9')
        {
            arg.kind = Argument::Kind::Number;
            arg.number = readNumber();
            return arg;
        }
        if (allow_element_name)
        {
            // `name Type`: a name followed by whitespace and another identifier / quoted name.
            size_t saved = pos_;
            bool quoted = c == '`' || c == '"';
            if (quoted || isIdentStart(c))
            {
                std::string name = readElementName();
                size_t after_name = pos_;
                skipSpaces();
                bool name_then_type = pos_ < input_.size() && pos_ > after_name && isIdentStart(input_[pos_]);
                if (quoted || name_then_type)
                {
                    // Multi-word aliases (DOUBLE PRECISION) are not element names.
                    std::string next_upper;
                    if (!quoted)
                    {
                        size_t p = pos_;
                        while (p < input_.size() && isIdentChar(input_[p]))
                            ++p;
                        next_upper = toUpper(input_.substr(pos_, p - pos_));
                    }
                    if (quoted || !(aliases().count(toUpper(name) + " " + next_upper) || isAliasContinuation(next_upper)))
                    {
                        arg.kind = Argument::Kind::Type;
                        arg.element_name = name;
                        arg.type = parseType();
                        return arg;
                    }
                }
                pos_ = saved;
            }
        }
        arg.kind = Argument::Kind::Type;
        arg.type = parseType();
        return arg;
    }

    DataTypePtr parseType()
    {
        constexpr size_t max_depth = 64;
        if (++depth_ > max_depth)
            syntaxError("type is nested deeper than " + std::to_string(max_depth) + " levels");
        DataTypePtr type = parseTypeImpl();
        --depth_;
        return type;
    }

    DataTypePtr parseTypeImpl()
    {
        skipSpaces();
        size_t name_pos = pos_;
        std::string name(readIdentifier());
        if (name == "AggregateFunction" || name == "SimpleAggregateFunction")
            throw Exception(ErrorCode::NOT_IMPLEMENTED, "Data type " + name +
                                                            " is not supported yet (aggregate state columns come with "
                                                            "materialized views) at position " +
                                                            std::to_string(name_pos + 1) + " in '" + std::string(input_) + "'");

        // Multi-word aliases: DOUBLE PRECISION, INT UNSIGNED, CHARACTER VARYING, ...
        std::string canonical_name = name;
        {
            std::string upper = toUpper(name);
            while (true)
            {
                size_t saved = pos_;
                skipSpaces();
                if (pos_ == saved || pos_ >= input_.size() || !isIdentStart(input_[pos_]))
                {
                    pos_ = saved;
                    break;
                }
                size_t word_start = pos_;
                while (pos_ < input_.size() && isIdentChar(input_[pos_]))
                    ++pos_;
                std::string word = toUpper(input_.substr(word_start, pos_ - word_start));
                if (!isAliasContinuation(word))
                {
                    pos_ = saved;
                    break;
                }
                upper += " " + word;
            }
            if (upper.find(' ') != std::string::npos)
            {
                auto it = aliases().find(upper);
                if (it == aliases().end())
                    unknownType(std::string_view(input_).substr(name_pos, pos_ - name_pos), name_pos);
                canonical_name = std::string(it->second);
            }
        }

        std::vector<Argument> args;
        bool has_parens = false;
        if (peekIs('('))
        {
            has_parens = true;
            ++pos_;
            bool tuple = canonical_name == "Tuple";
            if (!peekIs(')'))
            {
                while (true)
                {
                    args.push_back(parseArgument(tuple));
                    if (peekIs(','))
                    {
                        ++pos_;
                        continue;
                    }
                    if (peekIs(')'))
                        break;
                    syntaxError("expected ',' or ')'");
                }
            }
            ++pos_; // ')'
        }
        return build(canonical_name, name_pos, has_parens, args);
    }

    const DataTypePtr & typeArg(std::string_view name, const std::vector<Argument> & args, size_t i, size_t name_pos) const
    {
        if (args[i].kind != Argument::Kind::Type || !args[i].element_name.empty())
            badArguments(name, "expects a data type as argument " + std::to_string(i + 1), args[i].position);
        (void)name_pos;
        return args[i].type;
    }

    UInt64 numberArg(std::string_view name, const std::vector<Argument> & args, size_t i) const
    {
        if (args[i].kind != Argument::Kind::Number)
            badArguments(name, "expects a number as argument " + std::to_string(i + 1), args[i].position);
        return args[i].number;
    }

    const std::string & stringArg(std::string_view name, const std::vector<Argument> & args, size_t i) const
    {
        if (args[i].kind != Argument::Kind::String)
            badArguments(name, "expects a string literal as argument " + std::to_string(i + 1), args[i].position);
        return args[i].string;
    }

    void expectArgs(std::string_view name, const std::vector<Argument> & args, size_t min, size_t max, size_t name_pos) const
    {
        if (args.size() < min || args.size() > max)
        {
            std::string expected = min == max ? std::to_string(min) : std::to_string(min) + " to " + std::to_string(max);
            throw Exception(ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                            "Data type " + std::string(name) + " takes " + expected + " argument(s), got " + std::to_string(args.size()) +
                                " at position " + std::to_string(name_pos + 1) + " in '" + std::string(input_) + "'");
        }
    }

    DataTypePtr build(std::string name, size_t name_pos, bool has_parens, const std::vector<Argument> & args)
    {
        // Exact (case-sensitive) canonical names first, then case-insensitive aliases.
        static const std::vector<std::string_view> parametric = {"Nullable", "LowCardinality", "Array",     "Tuple",
                                                                 "Map",      "FixedString",    "DateTime",  "DateTime64",
                                                                 "Decimal",  "Decimal32",      "Decimal64", "Decimal128"};
        bool known = simpleTypeByName(name) != nullptr || std::find(parametric.begin(), parametric.end(), name) != parametric.end();
        if (!known)
        {
            auto it = aliases().find(toUpper(name));
            if (it == aliases().end())
                unknownType(name, name_pos);
            name = std::string(it->second);
        }

        if (DataTypePtr simple = simpleTypeByName(name))
        {
            if (has_parens && !ignoresArguments(name))
                badArguments(name, "cannot have arguments", name_pos);
            if (has_parens)
                for (const auto & arg : args)
                    if (arg.kind != Argument::Kind::Number)
                        badArguments(name, "expects only numeric length arguments", arg.position);
            return simple;
        }
        if (name == "Nullable" || name == "LowCardinality" || name == "Array")
        {
            expectArgs(name, args, 1, 1, name_pos);
            const DataTypePtr & nested = typeArg(name, args, 0, name_pos);
            if (name == "Nullable")
                return std::make_shared<DataTypeNullable>(nested);
            if (name == "LowCardinality")
                return std::make_shared<DataTypeLowCardinality>(nested);
            return std::make_shared<DataTypeArray>(nested);
        }
        if (name == "Tuple")
        {
            if (args.empty())
                badArguments(name, "cannot be empty", name_pos);
            DataTypes elements;
            std::vector<std::string> names;
            size_t named = 0;
            for (const auto & arg : args)
            {
                if (arg.kind != Argument::Kind::Type)
                    badArguments(name, "expects data types as arguments", arg.position);
                elements.push_back(arg.type);
                names.push_back(arg.element_name);
                named += !arg.element_name.empty();
            }
            if (named != 0 && named != args.size())
                badArguments(name, "elements must be all named or all unnamed", name_pos);
            if (named == 0)
                names.clear();
            return std::make_shared<DataTypeTuple>(std::move(elements), std::move(names));
        }
        if (name == "Map")
        {
            expectArgs(name, args, 2, 2, name_pos);
            return std::make_shared<DataTypeMap>(typeArg(name, args, 0, name_pos), typeArg(name, args, 1, name_pos));
        }
        if (name == "FixedString")
        {
            expectArgs(name, args, 1, 1, name_pos);
            return std::make_shared<DataTypeFixedString>(numberArg(name, args, 0));
        }
        if (name == "DateTime")
        {
            expectArgs(name, args, 0, 1, name_pos);
            if (args.empty())
                return std::make_shared<DataTypeDateTime>();
            return std::make_shared<DataTypeDateTime>(stringArg(name, args, 0));
        }
        if (name == "DateTime64")
        {
            expectArgs(name, args, 1, 2, name_pos);
            UInt64 scale = numberArg(name, args, 0);
            if (scale > 9)
                throw Exception(ErrorCode::ARGUMENT_OUT_OF_BOUND, "DateTime64 scale " + std::to_string(scale) + " is out of range 0..9");
            if (args.size() == 1)
                return std::make_shared<DataTypeDateTime64>(static_cast<UInt32>(scale));
            return std::make_shared<DataTypeDateTime64>(static_cast<UInt32>(scale), stringArg(name, args, 1));
        }
        if (name == "Decimal")
        {
            expectArgs(name, args, 0, 2, name_pos);
            UInt64 precision = args.empty() ? 10 : numberArg(name, args, 0);
            UInt64 scale = args.size() < 2 ? 0 : numberArg(name, args, 1);
            if (precision > 76 || scale > 76)
                throw Exception(ErrorCode::ARGUMENT_OUT_OF_BOUND,
                                "Decimal precision or scale is out of bounds in '" + std::string(input_) + "'");
            return createDecimal(static_cast<UInt32>(precision), static_cast<UInt32>(scale));
        }
        // Decimal32(S), Decimal64(S), Decimal128(S)
        expectArgs(name, args, 1, 1, name_pos);
        UInt64 scale = numberArg(name, args, 0);
        UInt32 precision = name == "Decimal32" ? 9 : (name == "Decimal64" ? 18 : 38);
        if (scale > precision)
            throw Exception(ErrorCode::ARGUMENT_OUT_OF_BOUND, "Scale " + std::to_string(scale) + " is out of bounds (max scale: " +
                                                                  std::to_string(precision) + ") for " + name);
        return createDecimal(precision, static_cast<UInt32>(scale));
    }

    std::string_view input_;
    size_t pos_ = 0;
    size_t depth_ = 0;
};

} // namespace

DataTypePtr DataTypeFactory::parse(std::string_view name)
{
    return TypeNameParser(name).parseAll();
}

DataTypePtr DataTypeFactory::tryParse(std::string_view name)
{
    try
    {
        return parse(name);
    }
    catch (const Exception &)
    {
        return nullptr;
    }
}

DataTypePtr parseDataType(std::string_view name)
{
    return DataTypeFactory::parse(name);
}

} // namespace pipit

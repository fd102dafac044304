#include "engine/columns/ColumnArray.h"
#include "engine/functions/FunctionArguments.h"
#include "engine/functions/FunctionCast.h"
#include "engine/functions/FunctionRegistry.h"

#include <re2/re2.h>

#include <cstring>
#include <mutex>
#include <optional>

#include <algorithm>

namespace pipit
{

namespace
{

void checkString(const IFunction & function, const ColumnsWithTypeAndName & arguments, size_t i)
{
    if (!isStringOrFixedString(arguments[i].type->getTypeId()))
        throwIllegalTypeOfArgument(function.getName(), arguments[i].type, i);
}

ColumnPtr asString(const ColumnWithTypeAndName & arg)
{
    if (arg.type->getTypeId() == TypeIndex::String)
        return arg.column;
    return castColumn(arg, typeString());
}

/// length(s) in bytes, or the number of elements of an array.
class FunctionLength final : public IFunction
{
public:
    std::string getName() const override { return "length"; }
    size_t getNumberOfArguments() const override { return 1; }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        auto t = arguments[0].type->getTypeId();
        if (!isStringOrFixedString(t) && t != TypeIndex::Array && t != TypeIndex::Map)
            throwIllegalType(arguments, 0);
        return typeUInt64();
    }
    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr &, size_t rows) const override
    {
        auto res = ColumnUInt64::create(rows);
        auto & out = res->getData();
        const IColumn & column = *arguments[0].column;
        if (const auto * s = dynamic_cast<const ColumnString *>(&column))
        {
            const auto & offsets = s->getOffsets();
            UInt64 prev = 0;
            for (size_t i = 0; i < rows; ++i)
            {
                out[i] = offsets[i] - prev;
                prev = offsets[i];
            }
        }
        else if (const auto * a = dynamic_cast<const ColumnArray *>(&column))
        {
            for (size_t i = 0; i < rows; ++i)
                out[i] = a->sizeAt(i);
        }
        else
        {
            for (size_t i = 0; i < rows; ++i)
                out[i] = column.getDataAt(i).size();
        }
        return res;
    }
};

/// lengthUTF8(s): code points of a UTF-8 string (bytes that do not continue a sequence); for invalid UTF-8 a count of
/// the same kind, like ClickHouse.
class FunctionLengthUTF8 final : public IFunction
{
public:
    std::string getName() const override { return "lengthUTF8"; }
    size_t getNumberOfArguments() const override { return 1; }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        if (!isStringOrFixedString(arguments[0].type->getTypeId()))
            throwIllegalType(arguments, 0);
        return typeUInt64();
    }
    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr &, size_t rows) const override
    {
        auto res = ColumnUInt64::create(rows);
        auto & out = res->getData();
        auto count = [](std::string_view value)
        {
            UInt64 n = 0;
            for (char c : value)
                n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
            return n;
        };
        /// FixedString counts its padding bytes too.
        const IColumn & column = *arguments[0].column;
        if (const auto * strings = dynamic_cast<const ColumnString *>(&column))
            for (size_t i = 0; i < rows; ++i)
                out[i] = count(strings->getDataAt(i));
        else
            for (size_t i = 0; i < rows; ++i)
                out[i] = count(column.getDataAt(i));
        return res;
    }
};

/// empty(x) / notEmpty(x) for strings and arrays.
class FunctionEmpty final : public IFunction
{
public:
    explicit FunctionEmpty(bool negate)
        : negate_(negate)
    {
    }
    std::string getName() const override { return negate_ ? "notEmpty" : "empty"; }
    size_t getNumberOfArguments() const override { return 1; }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        auto t = arguments[0].type->getTypeId();
        if (!isStringOrFixedString(t) && t != TypeIndex::Array && t != TypeIndex::Map)
            throwIllegalType(arguments, 0);
        return typeUInt8();
    }
    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr &, size_t rows) const override
    {
        auto res = ColumnUInt8::create(rows);
        auto & out = res->getData();
        const IColumn & column = *arguments[0].column;
        if (const auto * s = dynamic_cast<const ColumnString *>(&column))
        {
            const auto & offsets = s->getOffsets();
            UInt64 prev = 0;
            for (size_t i = 0; i < rows; ++i)
            {
                out[i] = (offsets[i] == prev) != negate_;
                prev = offsets[i];
            }
        }
        else if (const auto * a = dynamic_cast<const ColumnArray *>(&column))
        {
            for (size_t i = 0; i < rows; ++i)
                out[i] = (a->sizeAt(i) == 0) != negate_;
        }
        else
        {
            /// FixedString: empty means all zero bytes.
            for (size_t i = 0; i < rows; ++i)
            {
                auto v = column.getDataAt(i);
                bool is_empty = std::all_of(v.begin(), v.end(), [](char c) { return c == 0; });
                out[i] = is_empty != negate_;
            }
        }
        return res;
    }

private:
    bool negate_;
};

/// lower/upper on ASCII letters (other bytes unchanged), as ClickHouse's lower/upper.
class FunctionCase final : public IFunction
{
public:
    explicit FunctionCase(bool upper)
        : upper_(upper)
    {
    }
    std::string getName() const override { return upper_ ? "upper" : "lower"; }
    size_t getNumberOfArguments() const override { return 1; }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        checkString(*this, arguments, 0);
        return typeString();
    }
    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr &, size_t) const override
    {
        auto src = asString(arguments[0]);
        const auto & s = assertColumnCast<ColumnString>(*src);
        auto res = ColumnString::create();
        res->getOffsets() = s.getOffsets();
        const auto & in = s.getChars();
        auto & out = res->getChars();
        out.resize(in.size());
        char from = upper_ ? 'a' : 'A';
        for (size_t i = 0; i < in.size(); ++i)
        {
            char c = in[i];
            out[i] = static_cast<unsigned char>(c - from) < 26 ? static_cast<char>(c ^ 0x20) : c;
        }
        return res;
    }

private:
    bool upper_;
};

/// concat(a, b, ...): arguments of other types are converted to their text.
class FunctionConcat final : public IFunction
{
public:
    std::string getName() const override { return "concat"; }
    bool isVariadic() const override { return true; }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        if (arguments.empty())
            throw Exception(ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                            "Number of arguments for function concat doesn't match: passed 0, should be at least 1");
        return typeString();
    }
    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr &, size_t rows) const override
    {
        std::vector<ColumnPtr> holders;
        std::vector<StringArgument> parts;
        for (const auto & arg : arguments)
        {
            holders.push_back(asString(arg));
            parts.emplace_back(*holders.back());
        }
        auto res = ColumnString::create();
        auto & chars = res->getChars();
        auto & offsets = res->getOffsets();
        offsets.resize(rows);
        for (size_t i = 0; i < rows; ++i)
        {
            for (const auto & part : parts)
            {
                auto v = part[i];
                chars.insert(chars.end(), v.begin(), v.end());
            }
            offsets[i] = chars.size();
        }
        return res;
    }
};

/// substring(s, offset[, length]): 1-based byte offset, negative from the end, as ClickHouse.
class FunctionSubstring final : public IFunction
{
public:
    std::string getName() const override { return "substring"; }
    bool isVariadic() const override { return true; }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        if (arguments.size() < 2 || arguments.size() > 3)
            throw Exception(ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                            "Number of arguments for function substring doesn't match: passed " + std::to_string(arguments.size()) +
                                ", should be 2 or 3");
        checkString(*this, arguments, 0);
        for (size_t i = 1; i < arguments.size(); ++i)
            if (!isInteger(arguments[i].type->getTypeId()))
                throwIllegalType(arguments, i);
        return typeString();
    }
    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr &, size_t rows) const override
    {
        auto src = asString(arguments[0]);
        StringArgument s(*src);
        auto offset_column = castColumn(arguments[1], typeInt64());
        NumericArgument<Int64> offset(*offset_column);
        ColumnPtr length_column = arguments.size() > 2 ? castColumn(arguments[2], typeInt64()) : nullptr;
        std::optional<NumericArgument<Int64>> length;
        if (length_column)
            length.emplace(*length_column);
        auto res = ColumnString::create();
        for (size_t i = 0; i < rows; ++i)
        {
            auto v = s[i];
            Int64 size = static_cast<Int64>(v.size());
            Int64 off = offset[i];
            Int64 start;
            if (off > 0)
                start = off - 1;
            else if (off < 0)
                start = size + off;
            else
            {
                res->insertDefault();
                continue;
            }
            start = std::clamp<Int64>(start, 0, size);
            Int64 end = size;
            if (length)
            {
                Int64 len = (*length)[i];
                if (len >= 0)
                    end = len > size - start ? size : start + len;
                else
                    end = len < -size ? 0 : size + len;
            }
            end = std::clamp<Int64>(end, 0, size);
            if (end < start)
                end = start;
            res->insertData(v.data() + start, static_cast<size_t>(end - start));
        }
        return res;
    }
};

/// startsWith / endsWith.
class FunctionStartsWith final : public IFunction
{
public:
    explicit FunctionStartsWith(bool ends)
        : ends_(ends)
    {
    }
    std::string getName() const override { return ends_ ? "endsWith" : "startsWith"; }
    size_t getNumberOfArguments() const override { return 2; }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        checkString(*this, arguments, 0);
        checkString(*this, arguments, 1);
        return typeUInt8();
    }
    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr &, size_t rows) const override
    {
        auto a_holder = asString(arguments[0]);
        auto b_holder = asString(arguments[1]);
        StringArgument a(*a_holder), b(*b_holder);
        auto res = ColumnUInt8::create(rows);
        auto & out = res->getData();
        for (size_t i = 0; i < rows; ++i)
        {
            auto s = a[i];
            auto p = b[i];
            out[i] = ends_ ? s.ends_with(p) : s.starts_with(p);
        }
        return res;
    }

private:
    bool ends_;
};

/// position(haystack, needle): 1-based byte position of the first occurrence, 0 if none.
class FunctionPosition final : public IFunction
{
public:
    std::string getName() const override { return "position"; }
    size_t getNumberOfArguments() const override { return 2; }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        checkString(*this, arguments, 0);
        checkString(*this, arguments, 1);
        return typeUInt64();
    }
    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr &, size_t rows) const override
    {
        auto a_holder = asString(arguments[0]);
        auto b_holder = asString(arguments[1]);
        StringArgument a(*a_holder), b(*b_holder);
        auto res = ColumnUInt64::create(rows);
        for (size_t i = 0; i < rows; ++i)
        {
            auto pos = a[i].find(b[i]);
            res->getData()[i] = pos == std::string_view::npos ? 0 : pos + 1;
        }
        return res;
    }
};

/// A compiled LIKE pattern: simple shapes ('abc', 'abc%', '%abc', '%abc%') avoid the regex engine.
class LikeMatcher
{
public:
    LikeMatcher(std::string_view pattern, bool case_insensitive)
    {
        std::string literal;
        bool has_wildcard_inside = false;
        bool leading = !pattern.empty() && pattern.front() == '%';
        bool trailing = false;
        size_t begin = leading ? 1 : 0;
        size_t end = pattern.size();
        if (end > begin && pattern[end - 1] == '%' && !(end >= 2 && pattern[end - 2] == '\\'))
        {
            trailing = true;
            --end;
        }
        for (size_t i = begin; i < end; ++i)
        {
            char c = pattern[i];
            if (c == '\\' && i + 1 < end)
                literal += pattern[++i];
            else if (c == '%' || c == '_')
                has_wildcard_inside = true;
            else
                literal += c;
        }
        if (!has_wildcard_inside && !case_insensitive)
        {
            literal_ = literal;
            kind_ = leading && trailing ? Kind::Contains : leading ? Kind::EndsWith : trailing ? Kind::StartsWith : Kind::Equals;
            return;
        }
        std::string regexp = case_insensitive ? "(?is)" : "(?s)";
        for (size_t i = 0; i < pattern.size(); ++i)
        {
            char c = pattern[i];
            if (c == '\\' && i + 1 < pattern.size())
                regexp += RE2::QuoteMeta(std::string(1, pattern[++i]));
            else if (c == '%')
                regexp += ".*";
            else if (c == '_')
                regexp += ".";
            else
                regexp += RE2::QuoteMeta(std::string(1, c));
        }
        RE2::Options options;
        options.set_log_errors(false);
        regexp_ = std::make_unique<RE2>(regexp, options);
        if (!regexp_->ok())
            throw Exception(ErrorCode::CANNOT_PARSE_REGEXP,
                            "Cannot compile LIKE pattern '" + std::string(pattern) + "': " + regexp_->error());
        kind_ = Kind::Regexp;
    }

    bool match(std::string_view s) const
    {
        switch (kind_)
        {
        case Kind::Equals:
            return s == literal_;
        case Kind::StartsWith:
            return s.starts_with(literal_);
        case Kind::EndsWith:
            return s.ends_with(literal_);
        case Kind::Contains:
            return s.find(literal_) != std::string_view::npos;
        case Kind::Regexp:
            return RE2::FullMatch(re2::StringPiece(s.data(), s.size()), *regexp_);
        }
        return false;
    }

private:
    enum class Kind
    {
        Equals,
        StartsWith,
        EndsWith,
        Contains,
        Regexp,
    };
    Kind kind_ = Kind::Equals;
    std::string literal_;
    std::unique_ptr<RE2> regexp_;
};

/// like / notLike / ilike / notILike. A constant pattern is compiled once per function instance.
class FunctionLike final : public IFunction
{
public:
    FunctionLike(std::string name, bool negate, bool case_insensitive)
        : name_(std::move(name))
        , negate_(negate)
        , case_insensitive_(case_insensitive)
    {
    }
    std::string getName() const override { return name_; }
    size_t getNumberOfArguments() const override { return 2; }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        checkString(*this, arguments, 0);
        checkString(*this, arguments, 1);
        return typeUInt8();
    }
    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr &, size_t rows) const override
    {
        auto a_holder = asString(arguments[0]);
        auto b_holder = asString(arguments[1]);
        StringArgument a(*a_holder), b(*b_holder);
        auto res = ColumnUInt8::create(rows);
        auto & out = res->getData();
        if (b.isConst())
        {
            auto matcher = constMatcher(b.constValue());
            if (const auto * column = a.column())
            {
                const auto & chars = column->getChars();
                const auto & offsets = column->getOffsets();
                UInt64 prev = 0;
                for (size_t i = 0; i < rows; ++i)
                {
                    out[i] = matcher->match(std::string_view(chars.data() + prev, offsets[i] - prev)) != negate_;
                    prev = offsets[i];
                }
            }
            else
                std::memset(out.data(), matcher->match(a.constValue()) != negate_, rows);
            return res;
        }
        for (size_t i = 0; i < rows; ++i)
            out[i] = LikeMatcher(b[i], case_insensitive_).match(a[i]) != negate_;
        return res;
    }

private:
    std::shared_ptr<const LikeMatcher> constMatcher(std::string_view pattern) const
    {
        std::lock_guard lock(mutex_);
        if (!matcher_ || pattern != pattern_)
        {
            matcher_ = std::make_shared<LikeMatcher>(pattern, case_insensitive_);
            pattern_ = std::string(pattern);
        }
        return matcher_;
    }

    std::string name_;
    bool negate_;
    bool case_insensitive_;
    mutable std::mutex mutex_;
    mutable std::shared_ptr<const LikeMatcher> matcher_;
    mutable std::string pattern_;
};

} // namespace

void registerFunctionsString(FunctionRegistry & registry)
{
    registry.add({"length", [] { return std::make_shared<FunctionLength>(); }, "Length of a string in bytes or of an array in elements",
                  "SELECT length('abc')", true, ""});
    registry.add(
        {"empty", [] { return std::make_shared<FunctionEmpty>(false); }, "1 for an empty string or array", "SELECT empty('')", false, ""});
    registry.add({"notEmpty", [] { return std::make_shared<FunctionEmpty>(true); }, "1 for a non-empty string or array",
                  "SELECT notEmpty('a')", false, ""});
    registry.add(
        {"lower", [] { return std::make_shared<FunctionCase>(false); }, "ASCII letters to lower case", "SELECT lower('ABC')", true, ""});
    registry.add(
        {"upper", [] { return std::make_shared<FunctionCase>(true); }, "ASCII letters to upper case", "SELECT upper('abc')", true, ""});
    registry.add({"lengthUTF8", [] { return std::make_shared<FunctionLengthUTF8>(); }, "Length of a UTF-8 string in code points",
                  "SELECT lengthUTF8('naïve')", false, ""});
    registry.addAlias("CHAR_LENGTH", "lengthUTF8", true);
    registry.addAlias("CHARACTER_LENGTH", "lengthUTF8", true);
    registry.addAlias("OCTET_LENGTH", "length", true);
    registry.addAlias("lcase", "lower", true);
    registry.addAlias("ucase", "upper", true);
    registry.add({"concat", [] { return std::make_shared<FunctionConcat>(); }, "Concatenation of the arguments as strings",
                  "SELECT concat('a', 'b', 1)", true, ""});
    registry.add({"substring", [] { return std::make_shared<FunctionSubstring>(); },
                  "Bytes of s from a 1-based offset (negative: from the end), optionally of a given length",
                  "SELECT substring('hello', 2, 3)", true, ""});
    registry.addAlias("substr", "substring", true);
    registry.addAlias("mid", "substring", true);
    registry.add({"startsWith", [] { return std::make_shared<FunctionStartsWith>(false); }, "1 if s starts with the prefix",
                  "SELECT startsWith('hello', 'he')", false, ""});
    registry.add({"endsWith", [] { return std::make_shared<FunctionStartsWith>(true); }, "1 if s ends with the suffix",
                  "SELECT endsWith('hello', 'lo')", false, ""});
    registry.add({"position", [] { return std::make_shared<FunctionPosition>(); },
                  "1-based byte position of needle in haystack, 0 if absent", "SELECT position('hello', 'l')", true, ""});
    registry.add({"like", [] { return std::make_shared<FunctionLike>("like", false, false); },
                  "1 if s matches the LIKE pattern (% any sequence, _ any character, \\ escapes)", "SELECT like('hello', 'h%o')", false,
                  ""});
    registry.add({"notLike", [] { return std::make_shared<FunctionLike>("notLike", true, false); },
                  "1 if s does not match the LIKE pattern", "SELECT notLike('hello', 'x%')", false, ""});
    registry.add({"ilike", [] { return std::make_shared<FunctionLike>("ilike", false, true); }, "Case-insensitive LIKE",
                  "SELECT ilike('Hello', 'h%')", false, ""});
    registry.add({"notILike", [] { return std::make_shared<FunctionLike>("notILike", true, true); }, "Case-insensitive NOT LIKE",
                  "SELECT notILike('Hello', 'x%')", false, ""});
}

} // namespace pipit

#include "engine/columns/ColumnArray.h"
#include "engine/functions/FunctionArguments.h"
#include "engine/functions/FunctionCast.h"
#include "engine/functions/FunctionRegistry.h"
#include "engine/functions/FunctionStringTransform.h"
#include "engine/functions/StringSearcher.h"

#include <re2/re2.h>

#include <memory>

/// String search, replace, split, trim and pad functions: match, extract, extractAll,
/// replaceOne/All, replaceRegexpOne/All, splitByChar/String, multiSearchAny[CaseInsensitive],
/// trimLeft/Right/Both, leftPad/rightPad, reverse, repeat. Patterns, needles and separators must be
/// constants (as in ClickHouse); regular expressions are RE2.

namespace pipit
{

namespace
{

ColumnPtr stringColumnOf(const ColumnWithTypeAndName & arg)
{
    return arg.type->getTypeId() == TypeIndex::String ? arg.column : castColumn(arg, typeString());
}

std::string constStringArgument(const IFunction & function, const ColumnsWithTypeAndName & arguments, size_t i)
{
    if (arguments[i].type->getTypeId() != TypeIndex::String)
        throwIllegalTypeOfArgument(function.getName(), arguments[i].type, i, "expected a constant String");
    /// A one-row full column is a constant unwrapped by the all-constants shortcut.
    if (!arguments[i].column || (!arguments[i].column->isConst() && arguments[i].column->size() != 1))
        throw Exception(ErrorCode::ILLEGAL_COLUMN, "Argument " + std::to_string(i + 1) + " of function " + function.getName() + " must be constant");
    return std::string(unwrapConst(*arguments[i].column).getDataAt(0));
}

void checkStringArgument(const IFunction & function, const ColumnsWithTypeAndName & arguments, size_t i)
{
    if (!isStringOrFixedString(arguments[i].type->getTypeId()))
        throwIllegalTypeOfArgument(function.getName(), arguments[i].type, i, "expected a String");
}

std::unique_ptr<RE2> compileRegexp(const std::string & pattern, const std::string & function)
{
    RE2::Options options;
    options.set_log_errors(false);
    options.set_dot_nl(true);
    auto re = std::make_unique<RE2>(pattern, options);
    if (!re->ok())
        throw Exception(ErrorCode::CANNOT_PARSE_REGEXP, "Cannot compile regexp '" + pattern + "' of function " + function + ": " + re->error());
    return re;
}

/// Base of functions with one String argument followed by constant arguments, executed row by row
/// over a String column; the result is built by Derived::fill.
class FunctionStringConstArgs : public IFunction
{
public:
    FunctionStringConstArgs(std::string name, size_t min_args, size_t max_args)
        : name_(std::move(name))
        , min_args_(min_args)
        , max_args_(max_args)
    {
    }
    std::string getName() const override { return name_; }
    bool isVariadic() const override { return true; }

protected:
    void checkCount(const ColumnsWithTypeAndName & arguments) const
    {
        if (arguments.size() < min_args_ || arguments.size() > max_args_)
            throw Exception(ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                            "Number of arguments for function " + name_ + " doesn't match: passed " + std::to_string(arguments.size())
                                + ", should be " + std::to_string(min_args_) + (max_args_ > min_args_ ? " to " + std::to_string(max_args_) : ""));
    }

    std::string name_;
    size_t min_args_;
    size_t max_args_;
};

/// match(s, pattern): 1 if the RE2 pattern matches somewhere in s.
class FunctionMatch final : public FunctionStringConstArgs
{
public:
    FunctionMatch()
        : FunctionStringConstArgs("match", 2, 2)
    {
    }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        checkCount(arguments);
        checkStringArgument(*this, arguments, 0);
        compileRegexp(constStringArgument(*this, arguments, 1), name_);
        return typeUInt8();
    }
    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr &, size_t rows) const override
    {
        auto re = compileRegexp(constStringArgument(*this, arguments, 1), name_);
        auto holder = stringColumnOf(arguments[0]);
        StringArgument s(*holder);
        auto res = ColumnUInt8::create(rows);
        auto & out = res->getData();
        for (size_t i = 0; i < rows; ++i)
        {
            auto v = s[i];
            out[i] = RE2::PartialMatch(re2::StringPiece(v.data(), v.size()), *re);
        }
        return res;
    }
};

/// extract(s, pattern): the first capture group of the first match (the whole match without
/// groups), '' if none. extractAll: every match as an array.
class FunctionExtract final : public FunctionStringConstArgs
{
public:
    explicit FunctionExtract(bool all)
        : FunctionStringConstArgs(all ? "extractAll" : "extract", 2, 2)
        , all_(all)
    {
    }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        checkCount(arguments);
        checkStringArgument(*this, arguments, 0);
        compileRegexp(constStringArgument(*this, arguments, 1), name_);
        return all_ ? typeByName("Array(String)") : typeString();
    }
    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr &, size_t rows) const override
    {
        auto re = compileRegexp(constStringArgument(*this, arguments, 1), name_);
        const int group = re->NumberOfCapturingGroups() > 0 ? 1 : 0;
        auto holder = stringColumnOf(arguments[0]);
        StringArgument s(*holder);
        auto strings = ColumnString::create();
        auto offsets = ColumnUInt64::create(rows);
        re2::StringPiece groups[2];
        for (size_t i = 0; i < rows; ++i)
        {
            auto v = s[i];
            re2::StringPiece text(v.data(), v.size());
            size_t pos = 0;
            bool any = false;
            while (pos <= v.size() && re->Match(text, pos, v.size(), RE2::UNANCHORED, groups, group + 1))
            {
                any = true;
                strings->insertValue(std::string_view(groups[group].data() ? groups[group].data() : "", groups[group].size()));
                if (!all_)
                    break;
                const size_t match_end = static_cast<size_t>(groups[0].data() - v.data()) + groups[0].size();
                pos = groups[0].size() == 0 ? match_end + 1 : match_end;
            }
            if (!all_ && !any)
                strings->insertDefault();
            offsets->getData()[i] = strings->size();
        }
        if (!all_)
            return strings;
        return ColumnArray::create(std::move(strings), std::move(offsets));
    }

private:
    bool all_;
};

/// replaceOne/replaceAll(s, needle, replacement) with a plain needle; replaceRegexpOne/All with an
/// RE2 pattern and \0..\9 in the replacement.
class FunctionReplace final : public FunctionStringConstArgs
{
public:
    FunctionReplace(std::string name, bool regexp, bool all)
        : FunctionStringConstArgs(std::move(name), 3, 3)
        , regexp_(regexp)
        , all_(all)
    {
    }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        checkCount(arguments);
        checkStringArgument(*this, arguments, 0);
        auto pattern = constStringArgument(*this, arguments, 1);
        constStringArgument(*this, arguments, 2);
        if (regexp_)
            compileRegexp(pattern, name_);
        if (pattern.empty())
            throw Exception(ErrorCode::ARGUMENT_OUT_OF_BOUND, "Length of the second argument of function " + name_ + " must be greater than 0");
        return typeString();
    }

    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr &, size_t rows) const override
    {
        const std::string pattern = constStringArgument(*this, arguments, 1);
        const std::string replacement = constStringArgument(*this, arguments, 2);
        auto holder = stringColumnOf(arguments[0]);
        StringArgument s(*holder);
        auto res = ColumnString::create();
        auto & chars = res->getChars();
        auto & offsets = res->getOffsets();
        offsets.resize(rows);
        if (!regexp_)
        {
            const StringSearcher searcher(pattern);
            for (size_t i = 0; i < rows; ++i)
            {
                auto v = s[i];
                const char * pos = v.data();
                const char * end = v.data() + v.size();
                while (!pattern.empty() && pos < end)
                {
                    const char * match = searcher.search(pos, end);
                    appendChars(chars, std::string_view(pos, static_cast<size_t>(match - pos)));
                    if (match == end)
                    {
                        pos = end;
                        break;
                    }
                    appendChars(chars, replacement);
                    pos = match + pattern.size();
                    if (!all_)
                        break;
                }
                appendChars(chars, std::string_view(pos, static_cast<size_t>(end - pos)));
                offsets[i] = chars.size();
            }
            return res;
        }
        auto re = compileRegexp(pattern, name_);
        const int groups_count = std::min(re->NumberOfCapturingGroups(), 9) + 1;
        re2::StringPiece groups[10];
        for (size_t i = 0; i < rows; ++i)
        {
            auto v = s[i];
            re2::StringPiece text(v.data(), v.size());
            size_t pos = 0;
            size_t copied = 0;
            while (pos <= v.size() && re->Match(text, pos, v.size(), RE2::UNANCHORED, groups, groups_count))
            {
                const size_t match_begin = static_cast<size_t>(groups[0].data() - v.data());
                const size_t match_end = match_begin + groups[0].size();
                appendChars(chars, v.substr(copied, match_begin - copied));
                for (size_t k = 0; k < replacement.size(); ++k)
                {
                    const char c = replacement[k];
                    if (c == '\\' && k + 1 < replacement.size() && replacement[k + 1] >= '0' && replacement[k + 1] <= '9')
                    {
                        const int g = replacement[k + 1] - '0';
                        if (g < groups_count && groups[g].data())
                            appendChars(chars, std::string_view(groups[g].data(), groups[g].size()));
                        ++k;
                    }
                    else if (c == '\\' && k + 1 < replacement.size() && replacement[k + 1] == '\\')
                    {
                        chars.push_back('\\');
                        ++k;
                    }
                    else
                        chars.push_back(c);
                }
                copied = match_end;
                if (!all_)
                    break;
                if (groups[0].size() == 0)
                {
                    /// An empty match: keep the next character and move past it.
                    if (match_end < v.size())
                        chars.push_back(v[match_end]);
                    copied = match_end + 1;
                    pos = match_end + 1;
                }
                else
                    pos = match_end;
            }
            if (copied < v.size())
                appendChars(chars, v.substr(copied));
            offsets[i] = chars.size();
        }
        return res;
    }

private:
    bool regexp_;
    bool all_;
};

/// splitByChar(separator, s) / splitByString(separator, s): the pieces between separators (an empty
/// separator of splitByString splits into single bytes).
class FunctionSplit final : public IFunction
{
public:
    explicit FunctionSplit(bool by_char)
        : by_char_(by_char)
    {
    }
    std::string getName() const override { return by_char_ ? "splitByChar" : "splitByString"; }
    size_t getNumberOfArguments() const override { return 2; }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        auto separator = constStringArgument(*this, arguments, 0);
        if (by_char_ && separator.size() != 1)
            throw Exception(ErrorCode::BAD_ARGUMENTS, "Illegal separator for function splitByChar: it must be exactly one byte");
        checkStringArgument(*this, arguments, 1);
        return typeByName("Array(String)");
    }

    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr &, size_t rows) const override
    {
        const std::string separator = constStringArgument(*this, arguments, 0);
        auto holder = stringColumnOf(arguments[1]);
        StringArgument s(*holder);
        auto strings = ColumnString::create();
        auto offsets = ColumnUInt64::create(rows);
        for (size_t i = 0; i < rows; ++i)
        {
            auto v = s[i];
            if (separator.empty())
            {
                for (size_t k = 0; k < v.size(); ++k)
                    strings->insertValue(v.substr(k, 1));
            }
            else
            {
                size_t start = 0;
                while (true)
                {
                    size_t next = v.find(separator, start);
                    if (next == std::string_view::npos)
                    {
                        strings->insertValue(v.substr(start));
                        break;
                    }
                    strings->insertValue(v.substr(start, next - start));
                    start = next + separator.size();
                }
            }
            offsets->getData()[i] = strings->size();
        }
        return ColumnArray::create(std::move(strings), std::move(offsets));
    }

private:
    bool by_char_;
};

char toLowerASCII(char c)
{
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
}

/// multiSearchAny(s, [needles]) and its case-insensitive (ASCII) form.
class FunctionMultiSearchAny final : public IFunction
{
public:
    explicit FunctionMultiSearchAny(bool case_insensitive)
        : case_insensitive_(case_insensitive)
    {
    }
    std::string getName() const override { return case_insensitive_ ? "multiSearchAnyCaseInsensitive" : "multiSearchAny"; }
    size_t getNumberOfArguments() const override { return 2; }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        checkStringArgument(*this, arguments, 0);
        if (arguments[1].type->getName() != "Array(String)" || !arguments[1].column || !arguments[1].column->isConst())
            throwIllegalType(arguments, 1, "expected a constant Array(String)");
        return typeUInt8();
    }

    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr &, size_t rows) const override
    {
        const Field needles_field = unwrapConst(*arguments[1].column)[0];
        std::vector<StringSearcher> searchers;
        for (const auto & needle : needles_field.get<FieldArray>().values)
        {
            std::string n = needle.get<std::string>();
            if (case_insensitive_)
                for (auto & c : n)
                    c = toLowerASCII(c);
            searchers.emplace_back(std::move(n));
        }
        auto holder = stringColumnOf(arguments[0]);
        StringArgument s(*holder);
        auto res = ColumnUInt8::create(rows);
        auto & out = res->getData();
        std::string lowered;
        for (size_t i = 0; i < rows; ++i)
        {
            std::string_view v = s[i];
            if (case_insensitive_)
            {
                lowered.assign(v);
                for (auto & c : lowered)
                    c = toLowerASCII(c);
                v = lowered;
            }
            UInt8 found = 0;
            for (const auto & searcher : searchers)
                if (searcher.search(v.data(), v.data() + v.size()) != v.data() + v.size() || searcher.needle().empty())
                {
                    found = 1;
                    break;
                }
            out[i] = found;
        }
        return res;
    }

private:
    bool case_insensitive_;
};

/// trimLeft / trimRight / trimBoth: spaces removed from the ends.
template <bool left, bool right>
struct TrimImpl
{
    static void apply(std::string_view in, ColumnString::Chars & out)
    {
        size_t begin = 0;
        size_t end = in.size();
        if (left)
            while (begin < end && in[begin] == ' ')
                ++begin;
        if (right)
            while (end > begin && in[end - 1] == ' ')
                --end;
        appendChars(out, in.substr(begin, end - begin));
    }
};
struct NameTrimLeft : TrimImpl<true, false>
{
    static constexpr const char * name = "trimLeft";
};
struct NameTrimRight : TrimImpl<false, true>
{
    static constexpr const char * name = "trimRight";
};
struct NameTrimBoth : TrimImpl<true, true>
{
    static constexpr const char * name = "trimBoth";
};
struct NameReverse
{
    static constexpr const char * name = "reverse";
    static void apply(std::string_view in, ColumnString::Chars & out) { out.insert(out.end(), in.rbegin(), in.rend()); }
};

/// leftPad/rightPad(s, length[, pad]): s padded (or cut) to `length` bytes.
class FunctionPad final : public FunctionStringConstArgs
{
public:
    explicit FunctionPad(bool left)
        : FunctionStringConstArgs(left ? "leftPad" : "rightPad", 2, 3)
        , left_(left)
    {
    }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        checkCount(arguments);
        checkStringArgument(*this, arguments, 0);
        if (!isInteger(arguments[1].type->getTypeId()))
            throwIllegalType(arguments, 1, "expected an integer length");
        if (arguments.size() == 3)
            checkStringArgument(*this, arguments, 2);
        return typeString();
    }

    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr &, size_t rows) const override
    {
        auto holder = stringColumnOf(arguments[0]);
        StringArgument s(*holder);
        auto length_holder = castColumn(arguments[1], typeUInt64());
        NumericArgument<UInt64> length(*length_holder);
        ColumnPtr pad_holder = arguments.size() == 3 ? stringColumnOf(arguments[2]) : createConstColumn(typeString(), Field(" "), rows);
        StringArgument pad(*pad_holder);
        auto res = ColumnString::create();
        auto & chars = res->getChars();
        auto & offsets = res->getOffsets();
        offsets.resize(rows);
        for (size_t i = 0; i < rows; ++i)
        {
            const auto v = s[i];
            const auto p = pad[i];
            const UInt64 target = length[i];
            if (target > (1ULL << 30))
                throw Exception(ErrorCode::TOO_LARGE_STRING_SIZE, "Too large length for function " + name_);
            if (v.size() >= target)
                appendChars(chars, v.substr(0, target));
            else
            {
                const size_t fill = target - v.size();
                if (!left_)
                    appendChars(chars, v);
                for (size_t k = 0; k < fill && !p.empty(); ++k)
                    chars.push_back(p[k % p.size()]);
                if (left_)
                    appendChars(chars, v);
            }
            offsets[i] = chars.size();
        }
        return res;
    }

private:
    bool left_;
};

/// repeat(s, n).
class FunctionRepeat final : public FunctionStringConstArgs
{
public:
    FunctionRepeat()
        : FunctionStringConstArgs("repeat", 2, 2)
    {
    }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        checkCount(arguments);
        checkStringArgument(*this, arguments, 0);
        if (!isInteger(arguments[1].type->getTypeId()))
            throwIllegalType(arguments, 1, "expected an integer");
        return typeString();
    }

    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr &, size_t rows) const override
    {
        auto holder = stringColumnOf(arguments[0]);
        StringArgument s(*holder);
        auto count_holder = castColumn(arguments[1], typeInt64());
        NumericArgument<Int64> count(*count_holder);
        auto res = ColumnString::create();
        auto & chars = res->getChars();
        auto & offsets = res->getOffsets();
        offsets.resize(rows);
        for (size_t i = 0; i < rows; ++i)
        {
            const auto v = s[i];
            const Int64 n = count[i];
            if (n > 0 && (static_cast<UInt64>(n) > (1ULL << 30) || v.size() * static_cast<UInt64>(n) > (1ULL << 30)))
                throw Exception(ErrorCode::TOO_LARGE_STRING_SIZE, "Too large result of function repeat");
            for (Int64 k = 0; k < n; ++k)
                appendChars(chars, v);
            offsets[i] = chars.size();
        }
        return res;
    }
};

} // namespace

void registerFunctionsStringSearch(FunctionRegistry & registry)
{
    registry.add({"match", [] { return std::make_shared<FunctionMatch>(); }, "1 if the RE2 regular expression matches the string",
                  "SELECT match('abc123', '\\\\d+')", false, ""});
    registry.add({"extract", [] { return std::make_shared<FunctionExtract>(false); },
                  "First capture group (or whole match) of the regular expression, '' if none", "SELECT extract('id=42', 'id=(\\\\d+)')", false,
                  ""});
    registry.add({"extractAll", [] { return std::make_shared<FunctionExtract>(true); }, "Every match of the regular expression",
                  "SELECT extractAll('a1b22', '\\\\d+')", false, ""});
    registry.add({"replaceOne", [] { return std::make_shared<FunctionReplace>("replaceOne", false, false); },
                  "The first occurrence of the substring replaced", "SELECT replaceOne('aaa', 'a', 'b')", false, ""});
    registry.add({"replaceAll", [] { return std::make_shared<FunctionReplace>("replaceAll", false, true); },
                  "Every occurrence of the substring replaced", "SELECT replaceAll('a.b.c', '.', '/')", false, ""});
    registry.addAlias("replace", "replaceAll", true);
    registry.add({"replaceRegexpOne", [] { return std::make_shared<FunctionReplace>("replaceRegexpOne", true, false); },
                  "The first match of the regular expression replaced (\\\\0-\\\\9 refer to groups)",
                  "SELECT replaceRegexpOne('2024-03-10', '(\\\\d+)-(\\\\d+)-(\\\\d+)', '\\\\3.\\\\2.\\\\1')", false, ""});
    registry.add({"replaceRegexpAll", [] { return std::make_shared<FunctionReplace>("replaceRegexpAll", true, true); },
                  "Every match of the regular expression replaced", "SELECT replaceRegexpAll('a1b2', '\\\\d', '#')", false, ""});
    registry.addAlias("REGEXP_REPLACE", "replaceRegexpAll", true);
    registry.add({"splitByChar", [] { return std::make_shared<FunctionSplit>(true); }, "Pieces of the string between the separator byte",
                  "SELECT splitByChar(',', 'a,b,,c')", false, ""});
    registry.add({"splitByString", [] { return std::make_shared<FunctionSplit>(false); }, "Pieces of the string between the separator",
                  "SELECT splitByString(', ', 'a, b')", false, ""});
    registry.add({"multiSearchAny", [] { return std::make_shared<FunctionMultiSearchAny>(false); }, "1 if any of the needles occurs",
                  "SELECT multiSearchAny('hello', ['x', 'ell'])", false, ""});
    registry.add({"multiSearchAnyCaseInsensitive", [] { return std::make_shared<FunctionMultiSearchAny>(true); },
                  "1 if any of the needles occurs, ASCII case ignored", "SELECT multiSearchAnyCaseInsensitive('Hello', ['ELL'])", false, ""});
    registry.add({"trimLeft", [] { return std::make_shared<FunctionStringTransform<NameTrimLeft>>(); }, "Leading spaces removed",
                  "SELECT trimLeft('  a ')", false, ""});
    registry.add({"trimRight", [] { return std::make_shared<FunctionStringTransform<NameTrimRight>>(); }, "Trailing spaces removed",
                  "SELECT trimRight('  a ')", false, ""});
    registry.add({"trimBoth", [] { return std::make_shared<FunctionStringTransform<NameTrimBoth>>(); }, "Leading and trailing spaces removed",
                  "SELECT trimBoth('  a ')", false, ""});
    registry.addAlias("trim", "trimBoth", true);
    registry.addAlias("ltrim", "trimLeft", true);
    registry.addAlias("rtrim", "trimRight", true);
    registry.add({"reverse", [] { return std::make_shared<FunctionStringTransform<NameReverse>>(); }, "Bytes of the string in reverse order",
                  "SELECT reverse('abc')", false, ""});
    registry.add({"leftPad", [] { return std::make_shared<FunctionPad>(true); }, "String padded on the left (or cut) to a length in bytes",
                  "SELECT leftPad('7', 3, '0')", false, ""});
    registry.add({"rightPad", [] { return std::make_shared<FunctionPad>(false); }, "String padded on the right (or cut) to a length in bytes",
                  "SELECT rightPad('7', 3, '0')", false, ""});
    registry.addAlias("lpad", "leftPad", true);
    registry.addAlias("rpad", "rightPad", true);
    registry.add({"repeat", [] { return std::make_shared<FunctionRepeat>(); }, "The string repeated n times", "SELECT repeat('ab', 3)", false, ""});
}

} // namespace pipit

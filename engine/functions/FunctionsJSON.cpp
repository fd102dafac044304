#include "engine/columns/ColumnArray.h"
#include "engine/columns/ColumnTuple.h"
#include "engine/functions/FunctionArguments.h"
#include "engine/functions/FunctionCast.h"
#include "engine/functions/FunctionRegistry.h"
#include "engine/io/ReadHelpers.h"
#include "engine/io/WriteHelpers.h"
#include "engine/types/DataTypeArray.h"
#include "engine/types/DataTypeLowCardinality.h"
#include "engine/types/DataTypeNullable.h"
#include "engine/types/DataTypeTuple.h"

#include <simdjson.h>

#include <cmath>
#include <cstring>
#include <optional>

/// JSON functions over String values (modern ClickHouse semantics): JSONHas, JSONLength, JSONType,
/// JSONExtract{String,Int,UInt,Float,Bool,Raw,Keys,ArrayRaw}, JSONExtract(..., 'Type'), JSON_VALUE and
/// JSON_QUERY. Documents are read with simdjson On-Demand straight from the column's bytes when the
/// bytes after a row are readable padding, otherwise from a reused padded copy. A missing path, a
/// value of another kind or an invalid document gives the default of the result type.

namespace pipit
{

namespace
{

namespace od = simdjson::ondemand;

/// One step of a path: an object key, or a 1-based index (negative: from the end) into an array or
/// into the fields of an object.
struct JSONPathStep
{
    bool is_key = true;
    std::string key;
    Int64 index = 0;
};
using JSONPath = std::vector<JSONPathStep>;

/// The path arguments [first, last) of a call. Constant paths are resolved once per block.
class JSONPathArguments
{
public:
    JSONPathArguments(const ColumnsWithTypeAndName & arguments, size_t first, size_t last)
    {
        for (size_t i = first; i < last; ++i)
        {
            const auto & arg = arguments[i];
            Source source;
            source.is_key = isStringOrFixedString(arg.type->getTypeId());
            source.column = arg.column.get();
            if (!isColumnConst(*arg.column))
                all_const_ = false;
            sources_.push_back(source);
        }
        path_.resize(sources_.size());
        for (size_t i = 0; i < sources_.size(); ++i)
            if (isColumnConst(*sources_[i].column))
                read(i, 0);
    }

    /// The path of row `row` (valid until the next call).
    const JSONPath & at(size_t row)
    {
        if (!all_const_)
            for (size_t i = 0; i < sources_.size(); ++i)
                if (!isColumnConst(*sources_[i].column))
                    read(i, row);
        return path_;
    }

    static void check(const IFunction & function, const ColumnsWithTypeAndName & arguments, size_t first, size_t last)
    {
        for (size_t i = first; i < last; ++i)
        {
            auto t = arguments[i].type->getTypeId();
            if (!isStringOrFixedString(t) && !isInteger(t))
                throwIllegalTypeOfArgument(function.getName(), arguments[i].type, i, "expected a String key or an integer index");
        }
    }

private:
    struct Source
    {
        bool is_key = true;
        const IColumn * column = nullptr;
    };

    void read(size_t i, size_t row)
    {
        const IColumn & column = unwrapConst(*sources_[i].column);
        const size_t r = isColumnConst(*sources_[i].column) ? 0 : row;
        auto & step = path_[i];
        step.is_key = sources_[i].is_key;
        if (step.is_key)
            step.key.assign(column.getDataAt(r));
        else
        {
            Field f = column[r];
            if (const auto * u = f.tryGet<UInt64>())
                step.index = *u > static_cast<UInt64>(std::numeric_limits<Int64>::max()) ? 0 : static_cast<Int64>(*u);
            else
                step.index = f.toInt64();
        }
    }

    std::vector<Source> sources_;
    JSONPath path_;
    bool all_const_ = true;
};

/// Rows of a String argument as padded simdjson inputs: a row is parsed in place when at least
/// SIMDJSON_PADDING bytes of the column's buffer follow it, otherwise from a copy.
class JSONDocumentSource
{
public:
    explicit JSONDocumentSource(const IColumn & column)
        : argument_(column)
    {
        if (const auto * s = argument_.column())
        {
            data_ = s->getChars().data();
            size_ = s->getChars().size();
        }
    }

    simdjson::padded_string_view at(size_t row)
    {
        std::string_view s = argument_[row];
        if (data_ && static_cast<size_t>(s.data() - data_) + s.size() + simdjson::SIMDJSON_PADDING <= size_)
            return simdjson::padded_string_view(s.data(), s.size(), s.size() + simdjson::SIMDJSON_PADDING);
        if (copy_.size() < s.size() + simdjson::SIMDJSON_PADDING)
            copy_.resize(s.size() + simdjson::SIMDJSON_PADDING);
        if (!s.empty())
            std::memcpy(copy_.data(), s.data(), s.size());
        std::memset(copy_.data() + s.size(), ' ', simdjson::SIMDJSON_PADDING);
        return simdjson::padded_string_view(copy_.data(), s.size(), copy_.size());
    }

private:
    StringArgument argument_;
    const char * data_ = nullptr;
    size_t size_ = 0;
    std::vector<char> copy_;
};

/// Index `index` (1-based, negative from the end) of an array or of the fields of an object.
template <typename Element>
bool stepIndex(Element & element, Int64 index, od::value & out)
{
    od::json_type type;
    if (element.type().get(type) != simdjson::SUCCESS || index == 0)
        return false;
    if (type == od::json_type::array)
    {
        od::array array;
        if (element.get_array().get(array) != simdjson::SUCCESS)
            return false;
        if (index < 0)
        {
            size_t count = 0;
            if (array.count_elements().get(count) != simdjson::SUCCESS)
                return false;
            index += static_cast<Int64>(count) + 1;
            if (index <= 0)
                return false;
        }
        Int64 k = 1;
        for (auto item : array)
        {
            if (k++ == index)
                return item.get(out) == simdjson::SUCCESS;
        }
        return false;
    }
    if (type == od::json_type::object)
    {
        od::object object;
        if (element.get_object().get(object) != simdjson::SUCCESS)
            return false;
        if (index < 0)
        {
            size_t count = 0;
            if (object.count_fields().get(count) != simdjson::SUCCESS)
                return false;
            index += static_cast<Int64>(count) + 1;
            if (index <= 0)
                return false;
        }
        Int64 k = 1;
        for (auto field : object)
        {
            if (field.error() != simdjson::SUCCESS)
                return false;
            if (k++ == index)
                return field.value().get(out) == simdjson::SUCCESS;
        }
    }
    return false;
}

template <typename Element>
bool stepKey(Element & element, const std::string & key, od::value & out)
{
    od::object object;
    if (element.get_object().get(object) != simdjson::SUCCESS)
        return false;
    return object.find_field_unordered(key).get(out) == simdjson::SUCCESS;
}

template <typename Element>
bool step(Element & element, const JSONPathStep & path_step, od::value & out)
{
    return path_step.is_key ? stepKey(element, path_step.key, out) : stepIndex(element, path_step.index, out);
}

/// Parses row documents and applies `leaf(element)` to the element at the row's path (a document
/// or a value); calls `missing()` when the document is invalid or the path does not exist.
template <typename Leaf, typename Missing>
void forEachJSONElement(const ColumnsWithTypeAndName & arguments, size_t path_first, size_t path_last, size_t rows, Leaf && leaf,
                        Missing && missing)
{
    JSONDocumentSource documents(*arguments[0].column);
    JSONPathArguments paths(arguments, path_first, path_last);
    od::parser parser;
    for (size_t row = 0; row < rows; ++row)
    {
        const JSONPath & path = paths.at(row);
        od::document doc;
        if (parser.iterate(documents.at(row)).get(doc) != simdjson::SUCCESS)
        {
            missing();
            continue;
        }
        if (path.empty())
        {
            if (!leaf(doc))
                missing();
            continue;
        }
        od::value current;
        bool found = step(doc, path[0], current);
        for (size_t i = 1; found && i < path.size(); ++i)
        {
            od::value next;
            found = step(current, path[i], next);
            current = next;
        }
        if (!found || !leaf(current))
            missing();
    }
}

/// Minified JSON text of an element (JSONExtractRaw, JSON_QUERY): numbers in ClickHouse's float and
/// integer text, strings re-escaped without escaping '/'.
template <typename Element>
bool writeJSONElement(Element & element, WriteBuffer & out, int depth = 0)
{
    od::json_type type;
    if (element.type().get(type) != simdjson::SUCCESS || depth > 1000)
        return false;
    switch (type)
    {
    case od::json_type::object:
    {
        od::object object;
        if (element.get_object().get(object) != simdjson::SUCCESS)
            return false;
        out.write("{", 1);
        bool first = true;
        for (auto field : object)
        {
            std::string_view key;
            if (field.unescaped_key().get(key) != simdjson::SUCCESS)
                return false;
            if (!first)
                out.write(",", 1);
            first = false;
            writeJSONString(key, out, false);
            out.write(":", 1);
            od::value v;
            if (field.value().get(v) != simdjson::SUCCESS || !writeJSONElement(v, out, depth + 1))
                return false;
        }
        out.write("}", 1);
        return true;
    }
    case od::json_type::array:
    {
        od::array array;
        if (element.get_array().get(array) != simdjson::SUCCESS)
            return false;
        out.write("[", 1);
        bool first = true;
        for (auto item : array)
        {
            od::value v;
            if (item.get(v) != simdjson::SUCCESS)
                return false;
            if (!first)
                out.write(",", 1);
            first = false;
            if (!writeJSONElement(v, out, depth + 1))
                return false;
        }
        out.write("]", 1);
        return true;
    }
    case od::json_type::string:
    {
        std::string_view s;
        if (element.get_string().get(s) != simdjson::SUCCESS)
            return false;
        writeJSONString(s, out, false);
        return true;
    }
    case od::json_type::number:
    {
        od::number n;
        if (element.get_number().get(n) != simdjson::SUCCESS)
            return false;
        if (n.is_int64())
            writeIntText(n.get_int64(), out);
        else if (n.is_uint64())
            writeIntText(n.get_uint64(), out);
        else
            writeFloatText(n.get_double(), out);
        return true;
    }
    case od::json_type::boolean:
    {
        bool b = false;
        if (element.get_bool().get(b) != simdjson::SUCCESS)
            return false;
        out.write(b ? "true" : "false", b ? 4 : 5);
        return true;
    }
    case od::json_type::null:
    {
        bool is_null = false;
        if (element.is_null().get(is_null) != simdjson::SUCCESS || !is_null)
            return false;
        out.write("null", 4);
        return true;
    }
    }
    return false;
}

/// Appends the minified text of `element` to a String column; false (column unchanged) on error.
template <typename Element>
bool insertRaw(Element & element, ColumnString & column, std::vector<char> & scratch)
{
    scratch.clear();
    WriteBufferFromVector buffer(scratch);
    if (!writeJSONElement(element, buffer))
        return false;
    buffer.finalize();
    column.insertData(scratch.data(), scratch.size());
    return true;
}

/// value converted to T if it fits (floats to integers truncated, like ClickHouse's non-strict
/// accurate conversion).
template <typename T, typename From>
bool convertInRange(From value, T & out)
{
    if constexpr (std::is_floating_point_v<T>)
    {
        out = static_cast<T>(value);
        return true;
    }
    else if constexpr (std::is_floating_point_v<From>)
    {
        if (!std::isfinite(value))
            return false;
        const long double v = value;
        if (v < static_cast<long double>(std::numeric_limits<T>::min()) || v >= static_cast<long double>(std::numeric_limits<T>::max()) + 1.0L)
            return false;
        out = static_cast<T>(value);
        return true;
    }
    else
    {
        if (!std::in_range<T>(value))
            return false;
        out = static_cast<T>(value);
        return true;
    }
}

/// A JSON number, or a string holding a number, as T (JSONExtractInt/UInt/Float and JSONExtract of
/// number types). Booleans are not numbers.
template <typename T, typename Element>
bool extractNumber(Element & element, T & out)
{
    od::json_type type;
    if (element.type().get(type) != simdjson::SUCCESS)
        return false;
    if (type == od::json_type::number)
    {
        od::number n;
        if (element.get_number().get(n) != simdjson::SUCCESS)
            return false;
        if (n.is_int64())
            return convertInRange(n.get_int64(), out);
        if (n.is_uint64())
            return convertInRange(n.get_uint64(), out);
        return convertInRange(n.get_double(), out);
    }
    if (type == od::json_type::string)
    {
        std::string_view s;
        if (element.get_string().get(s) != simdjson::SUCCESS)
            return false;
        if constexpr (std::is_floating_point_v<T>)
            return tryParseFloat(s, out);
        else
        {
            if (tryParseInt(s, out))
                return true;
            Float64 f = 0;
            return tryParseFloat(s, f) && convertInRange(f, out);
        }
    }
    return false;
}

/// true/false, or a non-zero integer (JSONExtractBool).
template <typename Element>
bool extractBool(Element & element, UInt8 & out)
{
    od::json_type type;
    if (element.type().get(type) != simdjson::SUCCESS)
        return false;
    if (type == od::json_type::boolean)
    {
        bool b = false;
        if (element.get_bool().get(b) != simdjson::SUCCESS)
            return false;
        out = b;
        return true;
    }
    if (type == od::json_type::number)
    {
        od::number n;
        if (element.get_number().get(n) != simdjson::SUCCESS || n.is_double())
            return false;
        out = n.is_int64() ? n.get_int64() != 0 : n.get_uint64() != 0;
        return true;
    }
    return false;
}

std::string_view jsonTypeName(od::json_type type, const od::number_type * number_type)
{
    switch (type)
    {
    case od::json_type::object:
        return "Object";
    case od::json_type::array:
        return "Array";
    case od::json_type::string:
        return "String";
    case od::json_type::boolean:
        return "Bool";
    case od::json_type::null:
        return "Null";
    case od::json_type::number:
        if (number_type && *number_type == od::number_type::signed_integer)
            return "Int64";
        if (number_type && *number_type == od::number_type::unsigned_integer)
            return "UInt64";
        return "Double";
    }
    return "Null";
}

/// Common shape of JSON functions: json, path... (at least `min_arguments` in all), fixed result type.
class FunctionJSONBase : public IFunction
{
public:
    explicit FunctionJSONBase(std::string name)
        : name_(std::move(name))
    {
    }
    std::string getName() const override { return name_; }
    bool isVariadic() const override { return true; }

protected:
    /// Checks json and path arguments [1, path_last).
    void checkJSONArguments(const ColumnsWithTypeAndName & arguments, size_t path_last) const
    {
        if (arguments.empty())
            throw Exception(ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                            "Number of arguments for function " + name_ + " doesn't match: passed 0, should be at least 1");
        if (!isStringOrFixedString(arguments[0].type->getTypeId()))
            throwIllegalType(arguments, 0, "expected a String with JSON");
        JSONPathArguments::check(*this, arguments, 1, path_last);
    }

    std::string name_;
};

enum class JSONScalarKind
{
    Has,
    Length,
    Int64,
    UInt64,
    Float64,
    Bool,
};

/// JSONHas, JSONLength, JSONExtractInt/UInt/Float/Bool: one number per row.
class FunctionJSONNumeric final : public FunctionJSONBase
{
public:
    FunctionJSONNumeric(std::string name, JSONScalarKind kind)
        : FunctionJSONBase(std::move(name))
        , kind_(kind)
    {
    }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        checkJSONArguments(arguments, arguments.size());
        switch (kind_)
        {
        case JSONScalarKind::Has:
        case JSONScalarKind::Bool:
            return typeUInt8();
        case JSONScalarKind::Length:
        case JSONScalarKind::UInt64:
            return typeUInt64();
        case JSONScalarKind::Int64:
            return typeInt64();
        case JSONScalarKind::Float64:
            return typeFloat64();
        }
        return typeUInt8();
    }

    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr &, size_t rows) const override
    {
        switch (kind_)
        {
        case JSONScalarKind::Has:
            return run<UInt8>(arguments, rows, [](auto &, UInt8 & out) { return out = 1, true; });
        case JSONScalarKind::Bool:
            return run<UInt8>(arguments, rows, [](auto & e, UInt8 & out) { return extractBool(e, out); });
        case JSONScalarKind::Length:
            return run<UInt64>(arguments, rows,
                               [](auto & e, UInt64 & out)
                               {
                                   od::json_type type;
                                   if (e.type().get(type) != simdjson::SUCCESS)
                                       return false;
                                   size_t n = 0;
                                   if (type == od::json_type::array)
                                   {
                                       od::array a;
                                       if (e.get_array().get(a) != simdjson::SUCCESS || a.count_elements().get(n) != simdjson::SUCCESS)
                                           return false;
                                   }
                                   else if (type == od::json_type::object)
                                   {
                                       od::object o;
                                       if (e.get_object().get(o) != simdjson::SUCCESS || o.count_fields().get(n) != simdjson::SUCCESS)
                                           return false;
                                   }
                                   out = n;
                                   return true;
                               });
        case JSONScalarKind::UInt64:
            return run<UInt64>(arguments, rows, [](auto & e, UInt64 & out) { return extractNumber(e, out); });
        case JSONScalarKind::Int64:
            return run<Int64>(arguments, rows, [](auto & e, Int64 & out) { return extractNumber(e, out); });
        case JSONScalarKind::Float64:
            return run<Float64>(arguments, rows, [](auto & e, Float64 & out) { return extractNumber(e, out); });
        }
        return nullptr;
    }

private:
    template <typename T, typename Extract>
    static ColumnPtr run(const ColumnsWithTypeAndName & arguments, size_t rows, Extract && extract)
    {
        auto res = ColumnVector<T>::create(rows);
        auto & data = res->getData();
        size_t row = 0;
        forEachJSONElement(
            arguments, 1, arguments.size(), rows,
            [&](auto & element)
            {
                T value {};
                if (!extract(element, value))
                    return false;
                data[row++] = value;
                return true;
            },
            [&] { data[row++] = T {}; });
        return res;
    }

    JSONScalarKind kind_;
};

enum class JSONStringKind
{
    String,
    Raw,
    Type,
};

/// JSONExtractString, JSONExtractRaw, JSONType: one string per row.
class FunctionJSONString final : public FunctionJSONBase
{
public:
    FunctionJSONString(std::string name, JSONStringKind kind)
        : FunctionJSONBase(std::move(name))
        , kind_(kind)
    {
    }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        checkJSONArguments(arguments, arguments.size());
        return typeString();
    }

    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr &, size_t rows) const override
    {
        auto res = ColumnString::create();
        res->reserve(rows);
        ColumnString & column = *res;
        std::vector<char> scratch;
        auto missing = [&]
        {
            if (kind_ == JSONStringKind::Type)
                column.insertValue("Null");
            else
                column.insertDefault();
        };
        auto leaf = [&](auto & element)
        {
            if (kind_ == JSONStringKind::String)
            {
                std::string_view s;
                if (element.get_string().get(s) != simdjson::SUCCESS)
                    return false;
                column.insertValue(s);
                return true;
            }
            if (kind_ == JSONStringKind::Raw)
                return insertRaw(element, column, scratch);
            od::json_type type;
            if (element.type().get(type) != simdjson::SUCCESS)
                return false;
            od::number_type number_type {};
            bool has_number_type = type == od::json_type::number && element.get_number_type().get(number_type) == simdjson::SUCCESS;
            column.insertValue(jsonTypeName(type, has_number_type ? &number_type : nullptr));
            return true;
        };
        forEachJSONElement(arguments, 1, arguments.size(), rows, leaf, missing);
        return res;
    }

private:
    JSONStringKind kind_;
};

/// JSONExtractKeys (Array(String) of the keys of an object) and JSONExtractArrayRaw (Array(String) of
/// the raw elements of an array).
class FunctionJSONStringArray final : public FunctionJSONBase
{
public:
    FunctionJSONStringArray(std::string name, bool keys)
        : FunctionJSONBase(std::move(name))
        , keys_(keys)
    {
    }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        checkJSONArguments(arguments, arguments.size());
        return typeByName("Array(String)");
    }

    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr &, size_t rows) const override
    {
        auto strings = ColumnString::create();
        auto offsets = ColumnUInt64::create();
        offsets->reserve(rows);
        auto & offs = offsets->getData();
        std::vector<char> scratch;
        auto missing = [&]
        {
            /// Drop elements a failed leaf may have added.
            const size_t keep = offs.empty() ? 0 : offs.back();
            if (strings->size() > keep)
                strings->popBack(strings->size() - keep);
            offs.push_back(keep);
        };
        auto leaf = [&](auto & element)
        {
            if (keys_)
            {
                od::object object;
                if (element.get_object().get(object) != simdjson::SUCCESS)
                    return false;
                for (auto field : object)
                {
                    std::string_view key;
                    if (field.unescaped_key().get(key) != simdjson::SUCCESS)
                        return false;
                    strings->insertValue(key);
                }
            }
            else
            {
                od::array array;
                if (element.get_array().get(array) != simdjson::SUCCESS)
                    return false;
                for (auto item : array)
                {
                    od::value v;
                    if (item.get(v) != simdjson::SUCCESS || !insertRaw(v, *strings, scratch))
                        return false;
                }
            }
            offs.push_back(strings->size());
            return true;
        };
        forEachJSONElement(arguments, 1, arguments.size(), rows, leaf, missing);
        return ColumnArray::create(std::move(strings), std::move(offsets));
    }

private:
    bool keys_;
};

/// Inserts JSON elements into a column of one type (JSONExtract(json, path..., 'Type')). Returns
/// false when the element does not fit; the caller then inserts the type's default.
class JSONTypedInserter
{
public:
    explicit JSONTypedInserter(const DataTypePtr & type)
        : type_(type)
        , id_(type->getTypeId())
    {
        if (id_ == TypeIndex::Nullable)
            children_.emplace_back(removeNullableType(type));
        else if (id_ == TypeIndex::Array)
            children_.emplace_back(arrayNestedType(type));
        else if (id_ == TypeIndex::Tuple)
        {
            for (const auto & t : tupleElementTypes(type))
                children_.emplace_back(t);
            names_ = static_cast<const DataTypeTuple &>(*type).getElementNames();
        }
        else if (!isNativeNumber(id_) && id_ != TypeIndex::String)
            throw Exception(ErrorCode::ILLEGAL_TYPE_OF_ARGUMENT, "JSONExtract does not support type " + type->getName());
    }

    static bool supports(const DataTypePtr & type)
    {
        auto id = type->getTypeId();
        if (id == TypeIndex::Nullable)
            return supports(removeNullableType(type));
        if (id == TypeIndex::Array)
            return supports(arrayNestedType(type));
        if (id == TypeIndex::Tuple)
        {
            for (const auto & t : tupleElementTypes(type))
                if (!supports(t))
                    return false;
            return true;
        }
        return isNativeNumber(id) || id == TypeIndex::String;
    }

    template <typename Element>
    bool insert(IColumn & column, Element & element) const
    {
        switch (id_)
        {
        case TypeIndex::Nullable:
        {
            auto & nullable = assertColumnCast<ColumnNullable>(column);
            bool is_null = false;
            if (element.is_null().get(is_null) == simdjson::SUCCESS && is_null)
                return false;
            if (!children_[0].insert(nullable.getNestedColumn(), element))
                return false;
            nullable.getNullMapData().push_back(0);
            return true;
        }
        case TypeIndex::Array:
        {
            auto & array_column = assertColumnCast<ColumnArray>(column);
            od::array array;
            if (element.get_array().get(array) != simdjson::SUCCESS)
                return false;
            IColumn & nested = array_column.getData();
            const size_t before = nested.size();
            for (auto item : array)
            {
                od::value v;
                if (item.get(v) != simdjson::SUCCESS)
                {
                    nested.popBack(nested.size() - before);
                    return false;
                }
                children_[0].insertOrDefault(nested, v);
            }
            array_column.getOffsets().push_back(nested.size());
            return true;
        }
        case TypeIndex::Tuple:
            return insertTuple(assertColumnCast<ColumnTuple>(column), element);
        case TypeIndex::String:
        {
            auto & strings = assertColumnCast<ColumnString>(column);
            od::json_type type;
            if (element.type().get(type) != simdjson::SUCCESS || type == od::json_type::null)
                return false;
            if (type == od::json_type::string)
            {
                std::string_view s;
                if (element.get_string().get(s) != simdjson::SUCCESS)
                    return false;
                strings.insertValue(s);
                return true;
            }
            std::vector<char> scratch;
            return insertRaw(element, strings, scratch);
        }
        case TypeIndex::Bool:
        {
            UInt8 b = 0;
            if (!extractBool(element, b))
                return false;
            assertColumnCast<ColumnUInt8>(column).getData().push_back(b);
            return true;
        }
        default:
        {
            bool ok = false;
            dispatchNativeNumber(id_,
                                 [&](auto tag)
                                 {
                                     using T = typename decltype(tag)::Type;
                                     T value {};
                                     if (extractNumber(element, value))
                                     {
                                         assertColumnCast<ColumnVector<T>>(column).getData().push_back(value);
                                         ok = true;
                                     }
                                 });
            return ok;
        }
        }
    }

    /// Tuples are filled through their element columns; this rebuilds every ColumnTuple (also
    /// inside arrays and Nullable) so its row count matches its elements.
    static MutableColumnPtr finalize(const MutableColumnPtr & column)
    {
        if (auto * tuple = dynamic_cast<ColumnTuple *>(column.get()))
        {
            MutableColumns elements;
            for (size_t i = 0; i < tuple->tupleSize(); ++i)
                elements.push_back(finalize(tuple->getColumnPtr(i)));
            return ColumnTuple::create(std::move(elements));
        }
        if (auto * array = dynamic_cast<ColumnArray *>(column.get()))
            return ColumnArray::create(finalize(array->getDataPtr()), assumeMutable(array->getOffsetsPtr()));
        if (auto * nullable = dynamic_cast<ColumnNullable *>(column.get()))
            return ColumnNullable::create(finalize(nullable->getNestedColumnPtr()), assumeMutable(nullable->getNullMapColumnPtr()));
        return column;
    }

    template <typename Element>
    void insertOrDefault(IColumn & column, Element & element) const
    {
        if (!insert(column, element))
            column.insertDefault();
    }

private:
    template <typename Element>
    bool insertTuple(ColumnTuple & tuple, Element & element) const
    {
        od::json_type type;
        if (element.type().get(type) != simdjson::SUCCESS)
            return false;
        const size_t n = children_.size();
        std::vector<bool> done(n, false);
        auto rollback = [&]
        {
            for (size_t i = 0; i < n; ++i)
                if (done[i])
                    tuple.getColumn(i).popBack(1);
            return false;
        };
        if (type == od::json_type::array)
        {
            od::array array;
            if (element.get_array().get(array) != simdjson::SUCCESS)
                return false;
            size_t i = 0;
            for (auto item : array)
            {
                if (i == n)
                    break;
                od::value v;
                if (item.get(v) != simdjson::SUCCESS)
                    return rollback();
                children_[i].insertOrDefault(tuple.getColumn(i), v);
                done[i++] = true;
            }
        }
        else if (type == od::json_type::object)
        {
            od::object object;
            if (element.get_object().get(object) != simdjson::SUCCESS)
                return false;
            const bool named = !names_.empty();
            size_t position = 0;
            for (auto field : object)
            {
                std::string_view key;
                od::value v;
                if (field.unescaped_key().get(key) != simdjson::SUCCESS || field.value().get(v) != simdjson::SUCCESS)
                    return rollback();
                size_t i = n;
                if (named)
                {
                    for (size_t j = 0; j < n; ++j)
                        if (!done[j] && names_[j] == key)
                        {
                            i = j;
                            break;
                        }
                }
                else if (position < n)
                    i = position++;
                if (i == n)
                    continue;
                children_[i].insertOrDefault(tuple.getColumn(i), v);
                done[i] = true;
            }
        }
        else
            return false;
        for (size_t i = 0; i < n; ++i)
            if (!done[i])
                tuple.getColumn(i).insertDefault();
        return true;
    }

    DataTypePtr type_;
    TypeIndex id_;
    std::vector<JSONTypedInserter> children_;
    std::vector<std::string> names_;
};

/// JSONExtract(json, path..., 'Type'): the value converted to Type (numbers, Bool, String, Nullable,
/// Array, Tuple; LowCardinality of those through a cast).
class FunctionJSONExtract final : public FunctionJSONBase
{
public:
    FunctionJSONExtract()
        : FunctionJSONBase("JSONExtract")
    {
    }
    std::vector<size_t> getArgumentsThatAreAlwaysConstant() const override { return {}; }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        if (arguments.size() < 2)
            throw Exception(ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH,
                            "Number of arguments for function JSONExtract doesn't match: passed " + std::to_string(arguments.size())
                                + ", should be at least 2");
        checkJSONArguments(arguments, arguments.size() - 1);
        const auto & last = arguments.back();
        if (last.type->getTypeId() != TypeIndex::String || !last.column || !isColumnConst(*last.column))
            throwIllegalType(arguments, arguments.size() - 1, "the last argument of JSONExtract must be a constant String with a type name");
        DataTypePtr type = typeByName(std::string(unwrapConst(*last.column).getDataAt(0)));
        if (!JSONTypedInserter::supports(removeLowCardinalityType(type)))
            throw Exception(ErrorCode::ILLEGAL_TYPE_OF_ARGUMENT, "JSONExtract does not support type " + type->getName());
        return type;
    }

    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr & result_type, size_t rows) const override
    {
        DataTypePtr type = removeLowCardinalityType(result_type);
        JSONTypedInserter inserter(type);
        MutableColumnPtr column = type->createColumn();
        column->reserve(rows);
        forEachJSONElement(
            arguments, 1, arguments.size() - 1, rows, [&](auto & element) { return inserter.insert(*column, element); },
            [&] { column->insertDefault(); });
        column = JSONTypedInserter::finalize(column);
        if (type->getName() != result_type->getName())
            return castColumn({column, type, ""}, result_type);
        return column;
    }

private:
};

/// JSONExtractKeysAndValues(json, path..., 'Type'): Array(Tuple(String, Type)) of the fields of the object at the path whose
/// value converts to Type (the others are skipped); JSONExtractKeysAndValuesRaw(json, path...): Array(Tuple(String, String))
/// with every field's value as raw JSON. Anything but an object gives [].
class FunctionJSONExtractKeysAndValues final : public FunctionJSONBase
{
public:
    explicit FunctionJSONExtractKeysAndValues(bool raw)
        : FunctionJSONBase(raw ? "JSONExtractKeysAndValuesRaw" : "JSONExtractKeysAndValues")
        , raw_(raw)
    {
    }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        if (raw_)
        {
            checkJSONArguments(arguments, arguments.size());
            return typeByName("Array(Tuple(String, String))");
        }
        if (arguments.size() < 2)
            throw Exception(ErrorCode::NUMBER_OF_ARGUMENTS_DOESNT_MATCH, "Number of arguments for function " + name_ +
                                                                             " doesn't match: passed " + std::to_string(arguments.size()) +
                                                                             ", should be at least 2");
        checkJSONArguments(arguments, arguments.size() - 1);
        const auto & last = arguments.back();
        if (last.type->getTypeId() != TypeIndex::String || !last.column || !isColumnConst(*last.column))
            throwIllegalType(arguments, arguments.size() - 1, "the last argument must be a constant String with a type name");
        DataTypePtr type = typeByName(std::string(unwrapConst(*last.column).getDataAt(0)));
        if (!JSONTypedInserter::supports(type))
            throw Exception(ErrorCode::ILLEGAL_TYPE_OF_ARGUMENT, name_ + " does not support type " + type->getName());
        return typeByName("Array(Tuple(String, " + type->getName() + "))");
    }

    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr & result_type, size_t rows) const override
    {
        DataTypePtr value_type = tupleElementTypes(arrayNestedType(result_type))[1];
        std::optional<JSONTypedInserter> inserter;
        if (!raw_)
            inserter.emplace(value_type);
        auto keys = ColumnString::create();
        MutableColumnPtr values = value_type->createColumn();
        auto offsets = ColumnUInt64::create();
        auto & offs = offsets->getData();
        offs.reserve(rows);
        std::vector<char> scratch;
        auto missing = [&]
        {
            const size_t keep = offs.empty() ? 0 : offs.back();
            if (keys->size() > keep)
                keys->popBack(keys->size() - keep);
            if (values->size() > keep)
                values->popBack(values->size() - keep);
            offs.push_back(keep);
        };
        auto leaf = [&](auto & element)
        {
            od::object object;
            if (element.get_object().get(object) != simdjson::SUCCESS)
                return false;
            for (auto field : object)
            {
                std::string_view key;
                od::value v;
                if (field.unescaped_key().get(key) != simdjson::SUCCESS || field.value().get(v) != simdjson::SUCCESS)
                    return false;
                std::string key_copy(key);
                bool inserted = raw_ ? insertRaw(v, assertColumnCast<ColumnString>(*values), scratch) : inserter->insert(*values, v);
                if (inserted)
                    keys->insertValue(key_copy);
                else if (raw_)
                    return false;
            }
            offs.push_back(keys->size());
            return true;
        };
        forEachJSONElement(arguments, 1, raw_ ? arguments.size() : arguments.size() - 1, rows, leaf, missing);
        if (!raw_)
            values = JSONTypedInserter::finalize(values);
        MutableColumns elements;
        elements.push_back(std::move(keys));
        elements.push_back(std::move(values));
        return ColumnArray::create(ColumnTuple::create(std::move(elements)), std::move(offsets));
    }

private:
    bool raw_;
};

/// A JSONPath of JSON_VALUE / JSON_QUERY: $ followed by .key, ["key"], ['key'] or [n] (0-based).
JSONPath parseJSONPath(std::string_view text, const std::string & function)
{
    auto fail = [&]
    { throw Exception(ErrorCode::BAD_ARGUMENTS, "Unable to parse JSONPath '" + std::string(text) + "' of function " + function); };
    JSONPath path;
    size_t i = 0;
    while (i < text.size() && text[i] == ' ')
        ++i;
    if (i >= text.size() || text[i] != '$')
        fail();
    ++i;
    while (i < text.size())
    {
        if (text[i] == '.')
        {
            ++i;
            size_t start = i;
            while (i < text.size() && text[i] != '.' && text[i] != '[')
                ++i;
            if (start == i)
                fail();
            JSONPathStep s;
            s.key.assign(text.substr(start, i - start));
            path.push_back(std::move(s));
        }
        else if (text[i] == '[')
        {
            ++i;
            JSONPathStep s;
            if (i < text.size() && (text[i] == '"' || text[i] == '\''))
            {
                char quote = text[i++];
                size_t end = text.find(quote, i);
                if (end == std::string_view::npos || end + 1 >= text.size() || text[end + 1] != ']')
                    fail();
                s.key.assign(text.substr(i, end - i));
                i = end + 2;
            }
            else
            {
                size_t end = text.find(']', i);
                if (end == std::string_view::npos)
                    fail();
                Int64 index = 0;
                if (!tryParseInt(text.substr(i, end - i), index) || index < 0)
                    fail();
                s.is_key = false;
                s.index = index + 1;
                i = end + 1;
            }
            path.push_back(std::move(s));
        }
        else if (text[i] == ' ')
            ++i;
        else
            fail();
    }
    return path;
}

/// JSON_VALUE(json, path) (scalar as text, '' for objects and arrays) and JSON_QUERY(json, path)
/// (the element as JSON inside [ ]).
class FunctionJSONPathQuery final : public IFunction
{
public:
    explicit FunctionJSONPathQuery(bool query)
        : query_(query)
    {
    }
    std::string getName() const override { return query_ ? "JSON_QUERY" : "JSON_VALUE"; }
    size_t getNumberOfArguments() const override { return 2; }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        if (!isStringOrFixedString(arguments[0].type->getTypeId()))
            throwIllegalType(arguments, 0);
        if (arguments[1].type->getTypeId() != TypeIndex::String || !arguments[1].column || !isColumnConst(*arguments[1].column))
            throwIllegalType(arguments, 1, "JSONPath must be a constant String");
        parseJSONPath(unwrapConst(*arguments[1].column).getDataAt(0), getName());
        return typeString();
    }

    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr &, size_t rows) const override
    {
        JSONPath path = parseJSONPath(unwrapConst(*arguments[1].column).getDataAt(0), getName());
        /// Express the path as constant path arguments for forEachJSONElement.
        ColumnsWithTypeAndName args {arguments[0]};
        for (const auto & s : path)
        {
            if (s.is_key)
                args.push_back({createConstColumn(typeString(), Field(s.key), rows), typeString(), ""});
            else
                args.push_back({createConstColumn(typeInt64(), Field(s.index), rows), typeInt64(), ""});
        }
        auto res = ColumnString::create();
        res->reserve(rows);
        std::vector<char> scratch;
        auto leaf = [&](auto & element)
        {
            od::json_type type;
            if (element.type().get(type) != simdjson::SUCCESS)
                return false;
            if (query_)
            {
                WriteBufferFromString buffer;
                buffer.write("[", 1);
                if (!writeJSONElement(element, buffer))
                    return false;
                buffer.write("]", 1);
                buffer.finalize();
                res->insertValue(buffer.str());
                return true;
            }
            if (type == od::json_type::object || type == od::json_type::array)
                return false;
            if (type == od::json_type::string)
            {
                std::string_view s;
                if (element.get_string().get(s) != simdjson::SUCCESS)
                    return false;
                res->insertValue(s);
                return true;
            }
            return insertRaw(element, *res, scratch);
        };
        forEachJSONElement(args, 1, args.size(), rows, leaf, [&] { res->insertDefault(); });
        return res;
    }

private:
    bool query_;
};

/// JSON_EXISTS(json, 'JSONPath'): 1 if the path exists in the JSON document.
class FunctionJSONPathExists final : public IFunction
{
public:
    std::string getName() const override { return "JSON_EXISTS"; }
    size_t getNumberOfArguments() const override { return 2; }

protected:
    DataTypePtr getReturnTypeImpl(const ColumnsWithTypeAndName & arguments) const override
    {
        if (!isStringOrFixedString(arguments[0].type->getTypeId()))
            throwIllegalType(arguments, 0);
        if (arguments[1].type->getTypeId() != TypeIndex::String || !arguments[1].column || !isColumnConst(*arguments[1].column))
            throwIllegalType(arguments, 1, "JSONPath must be a constant String");
        parseJSONPath(unwrapConst(*arguments[1].column).getDataAt(0), getName());
        return typeUInt8();
    }

    ColumnPtr executeImpl(const ColumnsWithTypeAndName & arguments, const DataTypePtr &, size_t rows) const override
    {
        JSONPath path = parseJSONPath(unwrapConst(*arguments[1].column).getDataAt(0), getName());
        ColumnsWithTypeAndName args {arguments[0]};
        for (const auto & s : path)
        {
            if (s.is_key)
                args.push_back({createConstColumn(typeString(), Field(s.key), rows), typeString(), ""});
            else
                args.push_back({createConstColumn(typeInt64(), Field(s.index), rows), typeInt64(), ""});
        }
        auto res = ColumnUInt8::create();
        res->reserve(rows);
        forEachJSONElement(
            args, 1, args.size(), rows,
            [&](auto &)
            {
                res->getData().push_back(1);
                return true;
            },
            [&] { res->getData().push_back(0); });
        return res;
    }
};

} // namespace

void registerFunctionsJSON(FunctionRegistry & registry)
{
    auto numeric = [&](const char * name, JSONScalarKind kind, const char * description, const char * example)
    { registry.add({name, [name, kind] { return std::make_shared<FunctionJSONNumeric>(name, kind); }, description, example, false, ""}); };
    numeric("JSONHas", JSONScalarKind::Has, "1 if the value at the path exists in the JSON", "SELECT JSONHas('{\"a\":[1,2]}', 'a', 2)");
    numeric("JSONLength", JSONScalarKind::Length, "Number of elements of the JSON array or fields of the object at the path",
            "SELECT JSONLength('{\"a\":[1,2,3]}', 'a')");
    numeric("JSONExtractInt", JSONScalarKind::Int64, "Int64 at the path (numbers and numeric strings), 0 otherwise",
            "SELECT JSONExtractInt('{\"a\":-5}', 'a')");
    numeric("JSONExtractUInt", JSONScalarKind::UInt64, "UInt64 at the path (numbers and numeric strings), 0 otherwise",
            "SELECT JSONExtractUInt('{\"a\":5}', 'a')");
    numeric("JSONExtractFloat", JSONScalarKind::Float64, "Float64 at the path (numbers and numeric strings), 0 otherwise",
            "SELECT JSONExtractFloat('{\"a\":1.5}', 'a')");
    numeric("JSONExtractBool", JSONScalarKind::Bool, "1 for true or a non-zero integer at the path, 0 otherwise",
            "SELECT JSONExtractBool('{\"a\":true}', 'a')");

    auto strings = [&](const char * name, JSONStringKind kind, const char * description, const char * example)
    { registry.add({name, [name, kind] { return std::make_shared<FunctionJSONString>(name, kind); }, description, example, false, ""}); };
    strings("JSONExtractString", JSONStringKind::String, "Unescaped JSON string at the path, '' otherwise",
            "SELECT JSONExtractString('{\"a\":{\"b\":\"x\"}}', 'a', 'b')");
    strings("JSONExtractRaw", JSONStringKind::Raw, "Minified JSON text of the value at the path, '' if missing",
            "SELECT JSONExtractRaw('{\"a\":[1, 2]}', 'a')");
    strings("JSONType", JSONStringKind::Type, "Type of the value at the path: Object, Array, String, Int64, UInt64, Double, Bool or Null",
            "SELECT JSONType('{\"a\":1.5}', 'a')");

    registry.add({"JSONExtractKeys", [] { return std::make_shared<FunctionJSONStringArray>("JSONExtractKeys", true); },
                  "Keys of the JSON object at the path", "SELECT JSONExtractKeys('{\"a\":1,\"b\":2}')", false, ""});
    registry.add({"JSONExtractArrayRaw", [] { return std::make_shared<FunctionJSONStringArray>("JSONExtractArrayRaw", false); },
                  "Elements of the JSON array at the path as raw JSON strings", "SELECT JSONExtractArrayRaw('{\"a\":[1,\"x\"]}', 'a')", false,
                  ""});
    registry.add({"JSONExtract", [] { return std::make_shared<FunctionJSONExtract>(); },
                  "Value at the path converted to the type named by the last argument",
                  "SELECT JSONExtract('{\"a\":[1,2]}', 'a', 'Array(UInt8)')", false, ""});
    registry.add({"JSON_VALUE", [] { return std::make_shared<FunctionJSONPathQuery>(false); },
                  "Scalar at the JSONPath as a string ('' for objects and arrays)", "SELECT JSON_VALUE('{\"a\":{\"b\":1}}', '$.a.b')", false,
                  ""});
    registry.add({"JSONExtractKeysAndValues", [] { return std::make_shared<FunctionJSONExtractKeysAndValues>(false); },
                  "Key-value pairs of the JSON object at the path, values converted to the type named by the last argument",
                  "SELECT JSONExtractKeysAndValues('{\"a\":1,\"b\":2}', 'Int8')", false, ""});
    registry.add({"JSONExtractKeysAndValuesRaw", [] { return std::make_shared<FunctionJSONExtractKeysAndValues>(true); },
                  "Key-value pairs of the JSON object at the path, values as raw JSON strings",
                  "SELECT JSONExtractKeysAndValuesRaw('{\"a\":[1],\"b\":\"x\"}')", false, ""});
    registry.add({"JSON_EXISTS", [] { return std::make_shared<FunctionJSONPathExists>(); }, "1 if the JSONPath exists in the JSON",
                  "SELECT JSON_EXISTS('{\"a\":{\"b\":1}}', '$.a.b')", false, ""});
    registry.add({"JSON_QUERY", [] { return std::make_shared<FunctionJSONPathQuery>(true); },
                  "Value at the JSONPath as JSON wrapped in [ ]", "SELECT JSON_QUERY('{\"a\":[1,2]}', '$.a')", false, ""});
}

} // namespace pipit

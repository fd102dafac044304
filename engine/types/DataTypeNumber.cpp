#include "engine/types/DataTypeNumber.h"

#include "engine/base/Exception.h"
#include "engine/io/ReadHelpers.h"
#include "engine/io/WriteHelpers.h"

#include <cmath>

namespace pipit
{

namespace
{

template <typename T>
struct NumberTraits;

#define PIPIT_NUMBER_TRAITS(T, NAME)                                                                                                       \
    template <>                                                                                                                            \
    struct NumberTraits<T>                                                                                                                 \
    {                                                                                                                                      \
        static constexpr const char * name = #NAME;                                                                                        \
        static constexpr TypeIndex id = TypeIndex::NAME;                                                                                   \
    };
PIPIT_NUMBER_TRAITS(UInt8, UInt8)
PIPIT_NUMBER_TRAITS(UInt16, UInt16)
PIPIT_NUMBER_TRAITS(UInt32, UInt32)
PIPIT_NUMBER_TRAITS(UInt64, UInt64)
PIPIT_NUMBER_TRAITS(UInt128, UInt128)
PIPIT_NUMBER_TRAITS(Int8, Int8)
PIPIT_NUMBER_TRAITS(Int16, Int16)
PIPIT_NUMBER_TRAITS(Int32, Int32)
PIPIT_NUMBER_TRAITS(Int64, Int64)
PIPIT_NUMBER_TRAITS(Int128, Int128)
PIPIT_NUMBER_TRAITS(Float32, Float32)
PIPIT_NUMBER_TRAITS(Float64, Float64)
#undef PIPIT_NUMBER_TRAITS

template <typename T>
constexpr bool is_float = std::is_same_v<T, Float32> || std::is_same_v<T, Float64>;

} // namespace

template <typename T>
std::string DataTypeNumber<T>::getName() const
{
    return NumberTraits<T>::name;
}

template <typename T>
TypeIndex DataTypeNumber<T>::getTypeId() const
{
    return NumberTraits<T>::id;
}

template <typename T>
T DataTypeNumber<T>::parseValue(std::string_view text)
{
    if constexpr (is_float<T>)
        return parseFloat<T>(text, NumberTraits<T>::name);
    else
        return parseInt<T>(text, NumberTraits<T>::name);
}

template <typename T>
void DataTypeNumber<T>::serializeText(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings &) const
{
    T x = assertColumnCast<ColumnType>(column).getData()[row];
    if constexpr (is_float<T>)
        writeFloatText(x, out);
    else
        writeIntText(x, out);
}

template <typename T>
void DataTypeNumber<T>::serializeTextJSON(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const
{
    T x = assertColumnCast<ColumnType>(column).getData()[row];
    if constexpr (is_float<T>)
    {
        if (!std::isfinite(x))
        {
            if (!settings.json_quote_denormals)
            {
                out.write("null", 4);
                return;
            }
            out.write('"');
            writeFloatText(x, out);
            out.write('"');
            return;
        }
        writeFloatText(x, out);
    }
    else
    {
        bool quote = (sizeof(T) == 8 && settings.json_quote_64bit_integers) || (sizeof(T) == 16 && settings.json_quote_decimals);
        if (quote)
            out.write('"');
        writeIntText(x, out);
        if (quote)
            out.write('"');
    }
}

template <typename T>
void DataTypeNumber<T>::deserializeWholeText(IColumn & column, ReadBuffer & in, const FormatSettings &) const
{
    std::string text;
    readWholeRest(text, in);
    T x = parseValue(text);
    assertColumnCast<ColumnType>(column).getData().push_back(x);
}

template <typename T>
void DataTypeNumber<T>::deserializeTextEscaped(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const
{
    std::string text;
    bool is_null = readEscapedStringOrNull(text, in);
    T x = is_null && settings.null_as_default ? T {} : parseValue(is_null ? std::string_view("\\N") : std::string_view(text));
    assertColumnCast<ColumnType>(column).getData().push_back(x);
}

template <typename T>
void DataTypeNumber<T>::deserializeTextQuoted(IColumn & column, ReadBuffer & in, const FormatSettings &) const
{
    std::string text;
    if (!in.eof() && in.peek() == '\'')
        readQuotedString(text, in);
    else
        readBareToken(text, in);
    T x = parseValue(text);
    assertColumnCast<ColumnType>(column).getData().push_back(x);
}

template <typename T>
void DataTypeNumber<T>::deserializeTextJSON(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const
{
    std::string text;
    T x;
    if (!in.eof() && in.peek() == '"')
    {
        readJSONString(text, in);
        x = parseValue(text);
    }
    else
    {
        readBareToken(text, in);
        if (text == "null")
        {
            if (!settings.null_as_default)
                throw Exception(ErrorCode::CANNOT_PARSE_NUMBER, std::string("Cannot parse null as ") + NumberTraits<T>::name);
            x = T {};
        }
        else if (text == "true" || text == "false") // JSON booleans read as 1 / 0
            x = static_cast<T>(text == "true" ? 1 : 0);
        else
            x = parseValue(text);
    }
    assertColumnCast<ColumnType>(column).getData().push_back(x);
}

template <typename T>
void serializeVectorBulk(const PODArray<T> & data, WriteBuffer & out, size_t offset, size_t limit)
{
    if (offset >= data.size())
        return;
    size_t n = std::min(limit, data.size() - offset);
    out.write(reinterpret_cast<const char *>(data.data() + offset), n * sizeof(T));
}

template <typename T>
void deserializeVectorBulk(PODArray<T> & data, ReadBuffer & in, size_t limit)
{
    size_t old_size = data.size();
    data.resize(old_size + limit);
    size_t bytes = limit * sizeof(T);
    size_t got = in.read(reinterpret_cast<char *>(data.data() + old_size), bytes);
    if (got != bytes)
    {
        data.resize(old_size);
        throw Exception(ErrorCode::CANNOT_READ_ALL_DATA,
                        "Cannot read all data: expected " + std::to_string(bytes) + " bytes of column values, got " + std::to_string(got));
    }
}

template <typename T>
void DataTypeNumber<T>::serializeBinaryBulk(const IColumn & column, WriteBuffer & out, size_t offset, size_t limit) const
{
    serializeVectorBulk(assertColumnCast<ColumnType>(column).getData(), out, offset, limit);
}

template <typename T>
void DataTypeNumber<T>::deserializeBinaryBulk(IColumn & column, ReadBuffer & in, size_t limit) const
{
    deserializeVectorBulk(assertColumnCast<ColumnType>(column).getData(), in, limit);
}

template class DataTypeNumber<UInt8>;
template class DataTypeNumber<UInt16>;
template class DataTypeNumber<UInt32>;
template class DataTypeNumber<UInt64>;
template class DataTypeNumber<UInt128>;
template class DataTypeNumber<Int8>;
template class DataTypeNumber<Int16>;
template class DataTypeNumber<Int32>;
template class DataTypeNumber<Int64>;
template class DataTypeNumber<Int128>;
template class DataTypeNumber<Float32>;
template class DataTypeNumber<Float64>;

#define PIPIT_INSTANTIATE_BULK(T)                                                                                                          \
    template void serializeVectorBulk<T>(const PODArray<T> &, WriteBuffer &, size_t, size_t);                                              \
    template void deserializeVectorBulk<T>(PODArray<T> &, ReadBuffer &, size_t);
PIPIT_INSTANTIATE_BULK(UInt8)
PIPIT_INSTANTIATE_BULK(UInt16)
PIPIT_INSTANTIATE_BULK(UInt32)
PIPIT_INSTANTIATE_BULK(UInt64)
PIPIT_INSTANTIATE_BULK(UInt128)
PIPIT_INSTANTIATE_BULK(Int8)
PIPIT_INSTANTIATE_BULK(Int16)
PIPIT_INSTANTIATE_BULK(Int32)
PIPIT_INSTANTIATE_BULK(Int64)
PIPIT_INSTANTIATE_BULK(Int128)
PIPIT_INSTANTIATE_BULK(Float32)
PIPIT_INSTANTIATE_BULK(Float64)
#undef PIPIT_INSTANTIATE_BULK

} // namespace pipit

#include "engine/functions/DataTypeInterval.h"

#include "engine/base/Exception.h"
#include "engine/columns/ColumnVector.h"

#include <charconv>

namespace pipit
{

const char * DataTypeInterval::kindName(Kind kind)
{
    switch (kind)
    {
    case Kind::Second:
        return "Second";
    case Kind::Minute:
        return "Minute";
    case Kind::Hour:
        return "Hour";
    case Kind::Day:
        return "Day";
    case Kind::Week:
        return "Week";
    case Kind::Month:
        return "Month";
    case Kind::Quarter:
        return "Quarter";
    case Kind::Year:
        return "Year";
    case Kind::Millisecond:
        return "Millisecond";
    case Kind::Microsecond:
        return "Microsecond";
    case Kind::Nanosecond:
        return "Nanosecond";
    }
    return "";
}

UInt32 DataTypeInterval::subsecondScale(Kind kind)
{
    switch (kind)
    {
    case Kind::Millisecond:
        return 3;
    case Kind::Microsecond:
        return 6;
    case Kind::Nanosecond:
        return 9;
    default:
        return 0;
    }
}

Int64 DataTypeInterval::fixedSeconds(Kind kind)
{
    switch (kind)
    {
    case Kind::Second:
        return 1;
    case Kind::Minute:
        return 60;
    case Kind::Hour:
        return 3600;
    case Kind::Day:
        return 86400;
    case Kind::Week:
        return 7 * 86400;
    default:
        return 0;
    }
}

MutableColumnPtr DataTypeInterval::createColumn() const
{
    return ColumnInt64::create();
}

void DataTypeInterval::serializeText(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings &) const
{
    out.write(std::to_string(assertColumnCast<ColumnInt64>(column).getData()[row]));
}

void DataTypeInterval::deserializeWholeText(IColumn & column, ReadBuffer & in, const FormatSettings &) const
{
    std::string text;
    while (!in.eof())
        text += in.get();
    Int64 value = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || ptr != text.data() + text.size())
        throw Exception(ErrorCode::CANNOT_PARSE_TEXT, "Cannot parse '" + text + "' as " + getName());
    assertColumnCast<ColumnInt64>(column).insertValue(value);
}

void DataTypeInterval::serializeBinaryBulk(const IColumn & column, WriteBuffer & out, size_t offset, size_t limit) const
{
    const auto & data = assertColumnCast<ColumnInt64>(column).getData();
    size_t end = std::min(data.size(), offset + limit);
    if (offset < end)
        out.write(reinterpret_cast<const char *>(data.data() + offset), (end - offset) * sizeof(Int64));
}

void DataTypeInterval::deserializeBinaryBulk(IColumn & column, ReadBuffer & in, size_t limit) const
{
    auto & data = assertColumnCast<ColumnInt64>(column).getData();
    size_t old = data.size();
    data.resize(old + limit);
    if (in.read(reinterpret_cast<char *>(data.data() + old), limit * sizeof(Int64)) != limit * sizeof(Int64))
        throw Exception(ErrorCode::CANNOT_READ_ALL_DATA, "Cannot read all data of " + getName());
}

} // namespace pipit

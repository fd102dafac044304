#pragma once

#include "engine/columns/ColumnVector.h"
#include "engine/types/IDataType.h"

namespace pipit
{

/// Bool in a ColumnUInt8 (0 or 1). Prints true/false in every text format (JSON: bare true/false);
/// parses true/false/1/0 and also yes/no, on/off, t/f, y/n (case-insensitive) like ClickHouse.
/// Binary bulk: one byte per value.
class DataTypeBool final : public IDataType
{
public:
    std::string getName() const override { return "Bool"; }
    TypeIndex getTypeId() const override { return TypeIndex::Bool; }
    MutableColumnPtr createColumn() const override { return ColumnUInt8::create(); }
    Field getDefault() const override { return Field(false); }
    bool isValueRepresentedByNumber() const override { return true; }

    void serializeText(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const override;
    void deserializeWholeText(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const override;

    void serializeBinaryBulk(const IColumn & column, WriteBuffer & out, size_t offset, size_t limit) const override;
    void deserializeBinaryBulk(IColumn & column, ReadBuffer & in, size_t limit) const override;

    /// Throws CANNOT_PARSE_TEXT for anything but the accepted spellings.
    static bool parseValue(std::string_view text);
};

} // namespace pipit

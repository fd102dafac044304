#pragma once

#include "engine/columns/ColumnMap.h"
#include "engine/types/IDataType.h"

namespace pipit
{

/// Map(K, V): a ColumnMap (Array(Tuple(K, V)) underneath). Text/TSV/Values print {k1:v1,k2:v2}
/// with keys and values as Values literals; CSV prints that text as one quoted field; JSON prints
/// {"k1":v1} with each key's text as a JSON string and values as JSON.
/// Binary bulk: as Array(Tuple(K, V)): one varint entry count per row, then K's bulk of all the
/// keys, then V's bulk of all the values.
class DataTypeMap final : public IDataType
{
public:
    DataTypeMap(DataTypePtr key, DataTypePtr value);

    const DataTypePtr & getKeyType() const { return key_; }
    const DataTypePtr & getValueType() const { return value_; }

    std::string getName() const override { return "Map(" + key_->getName() + ", " + value_->getName() + ")"; }
    TypeIndex getTypeId() const override { return TypeIndex::Map; }
    MutableColumnPtr createColumn() const override;
    Field getDefault() const override { return Field(FieldMap {}); }
    bool canBeInsideNullable() const override { return false; }

    void serializeText(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const override;
    void serializeTextEscaped(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const override;
    void serializeTextQuoted(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const override;
    void serializeTextCSV(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const override;
    void serializeTextJSON(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const override;

    void deserializeWholeText(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const override;
    void deserializeTextEscaped(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const override;
    void deserializeTextQuoted(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const override;
    void deserializeTextJSON(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const override;

    void serializeBinaryBulk(const IColumn & column, WriteBuffer & out, size_t offset, size_t limit) const override;
    void deserializeBinaryBulk(IColumn & column, ReadBuffer & in, size_t limit) const override;

private:
    template <typename F>
    void deserializeEntries(IColumn & column, ReadBuffer & in, F && read_entry) const;

    DataTypePtr key_;
    DataTypePtr value_;
};

} // namespace pipit

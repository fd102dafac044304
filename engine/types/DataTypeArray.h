#pragma once

#include "engine/columns/ColumnArray.h"
#include "engine/types/IDataType.h"

namespace pipit
{

/// Array(T): a ColumnArray (end offsets + nested column of T). Text/TSV/Values print [e1,e2] with
/// elements as Values literals ('str', NULL); CSV prints that text as one quoted field; JSON prints
/// [e1,e2] with JSON elements.
/// Binary bulk: one varint element count per row, then T's bulk of all the elements of those rows.
class DataTypeArray final : public IDataType
{
public:
    explicit DataTypeArray(DataTypePtr nested);

    const DataTypePtr & getNestedType() const { return nested_; }

    std::string getName() const override { return "Array(" + nested_->getName() + ")"; }
    TypeIndex getTypeId() const override { return TypeIndex::Array; }
    MutableColumnPtr createColumn() const override { return ColumnArray::create(nested_->createColumn()); }
    Field getDefault() const override { return Field(FieldArray {}); }
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
    /// Reads open elem (sep elem)* close with `read_element` for each element.
    template <typename F>
    void deserializeList(IColumn & column, ReadBuffer & in, F && read_element) const;

    DataTypePtr nested_;
};

/// Reads a varint count per row and appends end offsets; throws CORRUPTED_DATA for absurd totals.
/// Returns the number of nested elements to read.
size_t deserializeArraySizes(Offsets & offsets, ReadBuffer & in, size_t limit);

} // namespace pipit

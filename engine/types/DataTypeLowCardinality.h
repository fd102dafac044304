#pragma once

#include "engine/columns/ColumnLowCardinality.h"
#include "engine/types/IDataType.h"

namespace pipit
{

/// LowCardinality(T): a ColumnLowCardinality (dictionary of T + UInt32 index per row). Every text
/// format reads and writes exactly as T does.
/// Binary bulk, per call (nothing at all for zero rows): varint count of the distinct values used by the rows, those values as
/// T's bulk (in order of first use), one byte with the index width (1, 2 or 4 = the smallest that
/// holds count - 1), then one little-endian index of that width per row.
class DataTypeLowCardinality final : public IDataType
{
public:
    /// Throws ILLEGAL_TYPE_OF_ARGUMENT for Array, Tuple, Map or LowCardinality inner types.
    explicit DataTypeLowCardinality(DataTypePtr dictionary_type);

    const DataTypePtr & getDictionaryType() const { return dictionary_type_; }

    std::string getName() const override { return "LowCardinality(" + dictionary_type_->getName() + ")"; }
    TypeIndex getTypeId() const override { return TypeIndex::LowCardinality; }
    MutableColumnPtr createColumn() const override { return ColumnLowCardinality::create(dictionary_type_->createColumn()); }
    Field getDefault() const override { return dictionary_type_->getDefault(); }
    bool isNullable() const override { return false; }
    bool canBeInsideNullable() const override { return false; }

    void serializeText(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const override;
    void serializeTextEscaped(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const override;
    void serializeTextQuoted(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const override;
    void serializeTextCSV(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const override;
    void serializeTextJSON(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const override;

    void deserializeWholeText(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const override;
    void deserializeTextEscaped(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const override;
    void deserializeTextQuoted(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const override;
    void deserializeTextCSV(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const override;
    void deserializeTextJSON(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const override;

    void serializeBinaryBulk(const IColumn & column, WriteBuffer & out, size_t offset, size_t limit) const override;
    void deserializeBinaryBulk(IColumn & column, ReadBuffer & in, size_t limit) const override;

    /// Dictionary-once serialisation (MergeTree parts of format 2 store one dictionary per column and part, and
    /// granules of indexes into it). Dictionary: varint count, then the values as T's bulk.
    void serializeDictionary(const IColumn & dictionary, WriteBuffer & out) const;
    /// Reads what serializeDictionary wrote. CORRUPTED_DATA if it holds more than `max_values` values, or if a
    /// Nullable dictionary's row 0 is not NULL.
    MutableColumnPtr deserializeDictionary(ReadBuffer & in, size_t max_values) const;
    /// Indexes (nothing for zero rows): one byte with the width (1, 2 or 4 = the smallest that holds the largest
    /// index), then one little-endian index of that width per row.
    static void serializeIndexes(const UInt32 * indexes, size_t count, WriteBuffer & out);
    /// Appends `limit` indexes written by serializeIndexes to `to`; CORRUPTED_DATA if one is >= dictionary_size.
    static void deserializeIndexes(ReadBuffer & in, size_t limit, size_t dictionary_size, PODArray<UInt32> & to);

private:
    /// Parses one value with `parse` into a scratch column of T and adds it to the column.
    template <typename F>
    void insertParsed(IColumn & column, F && parse) const;

    DataTypePtr dictionary_type_;
};

/// T for LowCardinality(T), else the type itself.
DataTypePtr removeLowCardinality(const DataTypePtr & type);

} // namespace pipit

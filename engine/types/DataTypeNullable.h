#pragma once

#include "engine/columns/ColumnNullable.h"
#include "engine/types/IDataType.h"

namespace pipit
{

/// Nullable(T): a ColumnNullable whose nested column holds T's default at NULL rows. NULL prints as
/// NULL (text, Values), \N (TSV, CSV), null (JSON); parsing accepts those spellings (CSV also an
/// empty unquoted field, Values/JSON null in any case).
/// Binary bulk: the null map (one byte per row, 1 = NULL), then T's bulk of the same rows.
class DataTypeNullable final : public IDataType
{
public:
    /// Throws ILLEGAL_TYPE_OF_ARGUMENT if `nested` cannot be inside Nullable (Array, Tuple, Map,
    /// LowCardinality, Nullable).
    explicit DataTypeNullable(DataTypePtr nested);

    const DataTypePtr & getNestedType() const { return nested_; }

    std::string getName() const override { return "Nullable(" + nested_->getName() + ")"; }
    TypeIndex getTypeId() const override { return TypeIndex::Nullable; }
    MutableColumnPtr createColumn() const override;
    Field getDefault() const override { return Field(Null {}); }
    bool isNullable() const override { return true; }
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

private:
    DataTypePtr nested_;
};

/// Nullable(T) for T; unchanged if already Nullable or T cannot be inside Nullable, except
/// LowCardinality(T) -> LowCardinality(Nullable(T)).
DataTypePtr makeNullable(const DataTypePtr & type);
/// T for Nullable(T), else the type itself.
DataTypePtr removeNullable(const DataTypePtr & type);

} // namespace pipit

#pragma once

#include "engine/columns/ColumnFixedString.h"
#include "engine/types/IDataType.h"

namespace pipit
{

/// Exactly N bytes per value in a ColumnFixedString; shorter input is padded with zero bytes,
/// longer input is rejected (TOO_LARGE_STRING_SIZE). Text formats print all N bytes (padding
/// included) with the String escaping of each format.
/// Binary bulk: N raw bytes per row.
class DataTypeFixedString final : public IDataType
{
public:
    /// ClickHouse's limit (16 MiB - 1); larger sizes throw ARGUMENT_OUT_OF_BOUND.
    static constexpr size_t max_size = 0xFFFFFF;

    explicit DataTypeFixedString(size_t n);

    size_t getN() const { return n_; }
    std::string getName() const override { return "FixedString(" + std::to_string(n_) + ")"; }
    TypeIndex getTypeId() const override { return TypeIndex::FixedString; }
    MutableColumnPtr createColumn() const override { return ColumnFixedString::create(n_); }
    Field getDefault() const override { return Field(std::string(n_, '\0')); }

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
    void insertValue(IColumn & column, std::string_view s) const;
    size_t n_;
};

} // namespace pipit

#pragma once

#include "engine/columns/ColumnTuple.h"
#include "engine/types/IDataType.h"

namespace pipit
{

/// Tuple(T1, T2, ...) or named Tuple(a T1, b T2): a ColumnTuple with one column per element.
/// Text/TSV/Values print (e1,e2) with elements as Values literals; CSV prints the elements as
/// consecutive CSV fields; JSON prints [e1,e2], or {"a":e1,"b":e2} for named tuples when
/// json_named_tuples_as_objects (JSON input accepts both shapes).
/// Binary bulk: each element's bulk of the rows, in element order.
class DataTypeTuple final : public IDataType
{
public:
    /// `names` is empty (unnamed) or one distinct non-empty name per element (else BAD_ARGUMENTS).
    explicit DataTypeTuple(DataTypes elements, std::vector<std::string> names = {});

    const DataTypes & getElements() const { return elements_; }
    const std::vector<std::string> & getElementNames() const { return names_; }
    bool hasNames() const { return !names_.empty(); }
    /// Index of the named element, or -1.
    ssize_t tryGetPositionByName(std::string_view name) const;

    std::string getName() const override;
    TypeIndex getTypeId() const override { return TypeIndex::Tuple; }
    MutableColumnPtr createColumn() const override;
    Field getDefault() const override;
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
    /// Runs `parse` on scratch element columns, then appends what it read to the ColumnTuple.
    template <typename F>
    void insertRow(IColumn & column, F && parse) const;

    DataTypes elements_;
    std::vector<std::string> names_;
};

} // namespace pipit

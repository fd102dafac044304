#pragma once

#include "engine/columns/IColumn.h"
#include "engine/io/ReadBuffer.h"
#include "engine/io/WriteBuffer.h"
#include "engine/types/FormatSettings.h"

#include <memory>
#include <string>
#include <vector>

namespace pipit
{

enum class TypeIndex
{
    Nothing, /// type of the NULL literal
    UInt8,
    UInt16,
    UInt32,
    UInt64,
    Int8,
    Int16,
    Int32,
    Int64,
    Float32,
    Float64,
    Bool,
    String,
    FixedString,
    Date,
    Date32,
    DateTime,
    DateTime64,
    UUID,
    Decimal32,
    Decimal64,
    Decimal128,
    Nullable,
    LowCardinality,
    Array,
    Tuple,
    Map,
    /// Reserved for materialized views (issue: aggregate states). Their states serialise with a
    /// leading format version byte so stored parts survive changes to a state layout.
    AggregateFunction,
    SimpleAggregateFunction,
    Int128,
    UInt128,
};

class IDataType;
using DataTypePtr = std::shared_ptr<const IDataType>;
using DataTypes = std::vector<DataTypePtr>;

/// A SQL type: its name, the column that holds its values, and every serialisation of a value.
/// Text serialisations follow ClickHouse's formats exactly (what FORMAT TSV/CSV/JSON/Values print);
/// deserialisers throw CANNOT_PARSE_TEXT (or a more specific code) with the offending text and
/// leave the column unchanged on failure.
class IDataType
{
public:
    virtual ~IDataType() = default;

    /// Canonical name, parseable by parseDataType: "Nullable(String)", "DateTime('UTC')".
    virtual std::string getName() const = 0;
    virtual TypeIndex getTypeId() const = 0;
    virtual MutableColumnPtr createColumn() const = 0;
    /// The zero value inserted for missing fields: 0, '', 1970-01-01, [], NULL for Nullable.
    virtual Field getDefault() const = 0;
    virtual bool equals(const IDataType & rhs) const { return getName() == rhs.getName(); }

    virtual bool isNullable() const { return false; }
    virtual bool canBeInsideNullable() const { return true; }
    /// Numbers, Date/DateTime, Bool, Decimal: can appear in arithmetic and comparisons by value.
    virtual bool isValueRepresentedByNumber() const { return false; }

    /// Plain text of one value (Pretty, toString, TSV for most types).
    virtual void serializeText(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const = 0;
    /// TSV: strings backslash-escaped, NULL as \N.
    virtual void serializeTextEscaped(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const;
    /// SQL literal: strings in single quotes (Values format, EXPLAIN, DEFAULT expressions).
    virtual void serializeTextQuoted(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const;
    /// CSV: strings in double quotes with "" escaping, NULL as \N.
    virtual void serializeTextCSV(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const;
    /// JSON value as FORMAT JSON prints it.
    virtual void serializeTextJSON(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const;

    /// Parses the whole of `in` as one value (casts from String, JSON string values, CSV fields).
    virtual void deserializeWholeText(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const = 0;
    /// Parse one value from TSV (stops before \t or \n).
    virtual void deserializeTextEscaped(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const;
    /// Parse one SQL literal (VALUES).
    virtual void deserializeTextQuoted(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const;
    /// Parse one CSV field (quoted or not; stops before the delimiter or end of line).
    virtual void deserializeTextCSV(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const;
    /// Parse one JSON value: numbers accept both 42 and "42"; strings are JSON-unescaped.
    virtual void deserializeTextJSON(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const;

    /// Parses `text` as one whole value (deserializeWholeText over a memory buffer).
    void deserializeFromString(IColumn & column, std::string_view text, const FormatSettings & settings = {}) const;
    /// Text of one row as serializeText writes it.
    std::string serializeToString(const IColumn & column, size_t row, const FormatSettings & settings = {}) const;

    /// Binary layout for parts and the WAL (docs/storage_format.md): rows [offset, offset+limit).
    virtual void serializeBinaryBulk(const IColumn & column, WriteBuffer & out, size_t offset, size_t limit) const = 0;
    /// Appends exactly `limit` rows read from `in`; throws CANNOT_READ_ALL_DATA on short input.
    virtual void deserializeBinaryBulk(IColumn & column, ReadBuffer & in, size_t limit) const = 0;

protected:
    /// JSON input of a non-Nullable type: if the next token is `null` and settings.null_as_default,
    /// consumes it, inserts the column default and returns true (ClickHouse input_format_null_as_default).
    static bool readJSONNullAsDefault(IColumn & column, ReadBuffer & in, const FormatSettings & settings);
};

/// Parses a type name such as "LowCardinality(Nullable(String))" or "DateTime64(3, 'UTC')".
/// Throws UNKNOWN_TYPE / SYNTAX_ERROR naming the position in `name`.
DataTypePtr parseDataType(std::string_view name);

} // namespace pipit

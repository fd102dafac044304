#pragma once

#include "engine/base/ErrorCodes.h"
#include "engine/columns/IColumn.h"
#include "engine/types/FormatSettings.h"
#include "engine/types/IDataType.h"

#include <string_view>

namespace pipit
{
class TimeZone;
}

namespace pipit
{

/// Appends parsed input values to one column of a block being read. The hot kinds (integers,
/// floats, String, and Nullable of them) are parsed straight into the column's data; every other
/// type goes through its IDataType text deserialisers. Every insert* appends exactly one row or
/// throws Exception (CANNOT_PARSE_TEXT, ...) leaving the column unchanged.
class InputColumnWriter
{
public:
    enum class Kind
    {
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
        String,
        /// LowCardinality(String): find-or-add into the dictionary.
        LowCardinalityString,
        /// DateTime (any time zone): text parsed with tryParseDateTime.
        DateTime,
        Other,
    };

    InputColumnWriter(DataTypePtr type, const FormatSettings & settings);

    /// Binds to the column the next rows go to (a column created by the type) and reserves room
    /// for `expected_rows` rows (String data sized by the bytes per row of the previous column).
    void bind(IColumn & column, size_t expected_rows = 0);
    /// Forgets the bound column (it is about to be handed out), keeping size statistics.
    void unbind();

    Kind kind() const { return kind_; }
    bool isNullable() const { return nullable_; }
    bool isIntegerKind() const { return kind_ <= Kind::Int64; }
    bool isFloatKind() const { return kind_ == Kind::Float32 || kind_ == Kind::Float64; }
    bool isNumberKind() const { return kind_ <= Kind::Float64; }
    bool isStringKind() const { return kind_ == Kind::String || kind_ == Kind::LowCardinalityString; }
    const IDataType & type() const { return *type_; }

    /// The whole of `text` is one value in its plain text form (an unescaped string, a JSON string
    /// value, an unquoted CSV field).
    void insertText(std::string_view text);
    /// Integer / float values already parsed (JSON numbers) into a number kind (isNumberKind()).
    /// Integers are range-checked for the column type; `raw` is the source text for messages and
    /// may be empty.
    void insertUnsigned(UInt64 value, std::string_view raw);
    void insertSigned(Int64 value, std::string_view raw);
    void insertFloat(double value, std::string_view raw);
    /// A number's text into a non-number kind (String keeps the text, others parse it).
    void insertNumberAsText(std::string_view text);
    /// NULL for Nullable types (returns true); the type's default for others (returns false:
    /// the caller records the cell as defaulted).
    bool insertNull();
    void insertDefault();

    /// Parses with one of the type's deserialisers over the whole of `text`; trailing unparsed text
    /// is an error.
    enum class Syntax
    {
        Whole,
        JSON,
        Escaped,
        CSV,
        Quoted,
    };
    void insertWithType(std::string_view text, Syntax syntax);

    /// Removes rows beyond `rows` (rollback of a bad row).
    void truncate(size_t rows);

    /// Throws `code` with the message for a value that does not fit `type_name`.
    [[noreturn]] static void throwCannotParse(std::string_view text, std::string_view type_name, std::string_view detail,
                                              ErrorCode code = ErrorCode::CANNOT_PARSE_TEXT);

private:
    template <typename T>
    void pushNumber(T value);
    void pushNotNull();

    DataTypePtr type_;
    /// Time zone of a DateTime kind (owned by the type).
    const TimeZone * time_zone_ = nullptr;
    FormatSettings settings_;
    Kind kind_ = Kind::Other;
    bool nullable_ = false;
    /// Name of the (nested, for Nullable) type for messages.
    std::string value_type_name_;
    IColumn * column_ = nullptr;
    /// The value column: column_ itself or the nested column of a Nullable.
    IColumn * values_ = nullptr;
    PODArray<UInt8> * null_map_ = nullptr;
    /// String kind: chars per row seen in the previously bound column (reservation hint).
    double string_bytes_per_row_ = 0;
};

} // namespace pipit

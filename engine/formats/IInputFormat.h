#pragma once

#include "engine/base/ErrorCodes.h"
#include "engine/io/ReadBuffer.h"
#include "engine/types/Block.h"
#include "engine/types/FormatSettings.h"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace pipit
{

/// One input row that could not be inserted: it is reported and skipped, reading goes on.
struct InputRowError
{
    /// 1-based line of the input where the row starts (Values: 1-based tuple number).
    size_t row_number = 0;
    /// The row's text, truncated to max_raw_row_bytes.
    std::string raw;
    /// Column whose value failed; empty when the row as a whole is malformed.
    std::string column;
    std::string reason;
    /// Code of the error that rejected the row (ClickHouse's code for the same input).
    ErrorCode code = ErrorCode::CANNOT_PARSE_TEXT;
};

/// For each column of the last block returned by read(), the rows that got the column default
/// because the input had no value for them (missing JSON field, empty CSV field). Callers with
/// DEFAULT expressions overwrite exactly these rows.
struct InputMissingValues
{
    /// rows_per_column[c] lists row indexes (ascending) of the block; empty when none.
    std::vector<std::vector<size_t>> rows_per_column;

    bool empty() const
    {
        for (const auto & rows : rows_per_column)
            if (!rows.empty())
                return false;
        return true;
    }
};

/// Streaming reader of one input format: bytes from a ReadBuffer -> Blocks with the header's
/// columns (names + types). Rows whose values do not fit the types are returned in bad_rows and
/// never appear (even partially) in good_rows.
class IInputFormat
{
public:
    /// Longest `raw` text kept for a bad row.
    static constexpr size_t max_raw_row_bytes = 1024;

    IInputFormat(ReadBuffer & in, Block header, const FormatSettings & settings);
    virtual ~IInputFormat() = default;

    /// Replaces good_rows with a block of the header's structure holding up to max_rows good rows
    /// (may hold fewer, also 0 when all rows of a batch were bad) and appends bad rows to bad_rows.
    /// At most max_rows input rows (good + bad) are consumed per call; max_rows 0 counts as 1.
    /// Returns false when the input is exhausted and nothing was returned.
    virtual bool read(Block & good_rows, std::vector<InputRowError> & bad_rows, size_t max_rows) = 0;

    /// Called after each read() that returned rows with the block and the defaulted cells; lets the
    /// caller evaluate DEFAULT expressions of missing columns.
    using DefaultsFiller = std::function<void(Block &, const InputMissingValues &)>;
    void setDefaultsFiller(DefaultsFiller filler) { defaults_filler_ = std::move(filler); }

    /// Evaluates the text of one value that is not a literal of its column type as an SQL expression
    /// (`1 + 1`, `now()`, `[1, 'x']`) and returns its value converted to `type`; throws the
    /// expression's error. Formats that accept expressions (Values) call it only when the fast
    /// literal parse of a value fails; without one such values are errors.
    using ExpressionEvaluator = std::function<Field(std::string_view expression_text, const DataTypePtr & type)>;
    void setExpressionEvaluator(ExpressionEvaluator evaluator) { expression_evaluator_ = std::move(evaluator); }

    /// Defaulted cells of the last block returned by read().
    const InputMissingValues & missingValues() const { return missing_; }

    const Block & getHeader() const { return header_; }

protected:
    /// Wraps finished columns into good_rows and runs the defaults filler.
    void finishBlock(Block & good_rows, MutableColumns & columns);

    /// Truncates the raw text of a bad row to max_raw_row_bytes.
    static std::string truncateRaw(std::string_view raw);

    ReadBuffer & in_;
    Block header_;
    FormatSettings settings_;
    InputMissingValues missing_;
    DefaultsFiller defaults_filler_;
    ExpressionEvaluator expression_evaluator_;
};

} // namespace pipit

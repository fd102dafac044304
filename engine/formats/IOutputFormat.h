#pragma once

#include "engine/io/WriteBuffer.h"
#include "engine/types/Block.h"
#include "engine/types/FormatSettings.h"

#include <optional>

namespace pipit
{

/// Query statistics some formats print after the data (JSON's "statistics" object).
struct OutputStatistics
{
    double elapsed_seconds = 0;
    size_t rows_read = 0;
    size_t bytes_read = 0;
    std::optional<size_t> rows_before_limit_at_least;
};

/// Streaming writer of one output format: writePrefix(), write() for each block (any number,
/// each with the header's structure), then writeSuffix(). Blocks are written as they come; only
/// the Pretty family buffers, one block at a time, to compute column widths.
class IOutputFormat
{
public:
    IOutputFormat(WriteBuffer & out, const Block & header, const FormatSettings & settings);
    virtual ~IOutputFormat() = default;

    virtual void writePrefix() {}
    virtual void write(const Block & block) = 0;
    virtual void writeSuffix() {}
    /// The totals row of GROUP BY ... WITH TOTALS (one row with the header's structure), after the
    /// last write() and before writeSuffix(). Formats without a place for totals ignore it.
    virtual void writeTotals(const Block & /*totals*/) {}

    /// Set before writeSuffix().
    void setStatistics(const OutputStatistics & statistics) { statistics_ = statistics; }

    /// HTTP Content-Type of the format's output.
    virtual std::string contentType() const { return "text/plain; charset=UTF-8"; }

    const Block & getHeader() const { return header_; }

protected:
    /// Columns of `block` with constants expanded; `block` must have the header's structure.
    Columns materialize(const Block & block) const;

    WriteBuffer & out_;
    Block header_;
    FormatSettings settings_;
    OutputStatistics statistics_;
    size_t rows_written_ = 0;
};

} // namespace pipit

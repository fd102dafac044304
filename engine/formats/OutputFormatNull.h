#pragma once

#include "engine/formats/IOutputFormat.h"

namespace pipit
{

/// FORMAT Null: consumes blocks, writes nothing (for benchmarks and side-effect queries).
class OutputFormatNull final : public IOutputFormat
{
public:
    using IOutputFormat::IOutputFormat;

    void write(const Block & block) override { rows_written_ += block.rows(); }
};

} // namespace pipit

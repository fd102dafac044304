#pragma once

#include "engine/formats/IOutputFormat.h"

namespace pipit
{

/// Values: rows as SQL tuples of quoted literals, `(1,'a',NULL),(2,'b',[1])`, separated by ','
/// with no final line feed (as ClickHouse writes it).
class OutputFormatValues final : public IOutputFormat
{
public:
    using IOutputFormat::IOutputFormat;

    void write(const Block & block) override;
};

} // namespace pipit

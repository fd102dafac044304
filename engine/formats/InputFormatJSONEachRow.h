#pragma once

#include "engine/formats/IInputFormat.h"
#include "engine/formats/InputColumnWriter.h"
#include "engine/formats/InputRowReader.h"

#include <memory>
#include <unordered_map>

namespace pipit
{

/// JSONEachRow (aliases NDJSON, JSONLines): one JSON object per line. Fields map to columns by
/// name; unknown fields are ignored, missing ones get the column default, null into a
/// non-Nullable column gets the default (ClickHouse input_format_null_as_default=1). Numbers
/// accept JSON numbers and numeric strings; String columns take numbers, booleans, objects and
/// arrays as their JSON text. Empty lines are skipped; a trailing ',' after an object and lines
/// "[" / "]" are allowed (an array of objects, one per line). An object spread over several lines
/// is joined when its first line does not parse alone and the following lines do not start with
/// '{'. row_number is the line where the object starts.
class InputFormatJSONEachRow final : public IInputFormat
{
public:
    InputFormatJSONEachRow(ReadBuffer & in, const Block & header, const FormatSettings & settings);
    ~InputFormatJSONEachRow() override;

    bool read(Block & good_rows, std::vector<InputRowError> & bad_rows, size_t max_rows) override;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace pipit

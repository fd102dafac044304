#pragma once

#include <simdjson.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pipit
{

/// A compiled `json:` path of a data source column (tinybird.md §1.2): "$" (the whole row),
/// "$.a.b" (nested keys), "$['a b']" / "$[\"k\"]" (quoted keys), "$.arr[0]" (an element, negative
/// counts from the end), "$.arr[:]" / "$.arr[*]" (the whole array, only as the last step).
class IngestJsonPath
{
public:
    /// Throws BAD_ARGUMENTS naming the path when it is not of the forms above.
    static IngestJsonPath parse(std::string_view path);
    /// The path "$.<key>" (a top-level field).
    static IngestJsonPath topLevel(std::string key);

    /// True for "$": the column takes the row's JSON text.
    bool isWholeRow() const { return steps_.empty(); }

    /// The value at the path in `root`, or nullopt when any step is missing (or of the wrong kind).
    std::optional<simdjson::dom::element> find(simdjson::dom::element root) const;

    const std::string & text() const { return text_; }

private:
    struct Step
    {
        /// Key of an object member; used when !is_index.
        std::string key;
        bool is_index = false;
        long long index = 0;
    };

    std::string text_;
    std::vector<Step> steps_;
};

} // namespace pipit

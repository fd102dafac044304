#include "engine/planner/SelectQueryPlan.h"

#include "engine/planner/StorageHashJoin.h"

namespace pipit
{

std::string SelectQueryPlan::explain(const ReadStatistics * statistics) const
{
    std::string out;
    auto line = [&](size_t indent, const std::string & text)
    {
        out += std::string(indent * 2, ' ') + text + "\n";
    };
    size_t indent = 0;
    std::string result;
    for (const auto & c : result_header)
        result += (result.empty() ? "" : ", ") + c.name;
    line(indent++, "Projection (" + result + ")");
    if (limit || offset)
        line(indent++, "Limit (" + (limit ? std::to_string(*limit) : std::string("none")) +
                           (offset ? " offset " + std::to_string(offset) : "") + ")");
    if (distinct)
        line(indent++, "Distinct");
    if (!sort.empty())
    {
        std::string keys;
        for (const auto & s : sort)
            keys += (keys.empty() ? "" : ", ") + s.column_name + (s.direction < 0 ? " DESC" : " ASC");
        line(indent++, "Sort (" + keys + ")" + (limit ? " top " + std::to_string(*limit + offset) : ""));
    }
    line(indent++, "Expression");
    if (having_actions)
        line(indent++, "Filter (HAVING)");
    if (has_aggregation)
    {
        std::string text;
        for (const auto & k : group_keys)
            text += (text.empty() ? "keys: " : ", ") + k;
        std::string aggregates_text;
        for (const auto & a : aggregates)
            aggregates_text += (aggregates_text.empty() ? "" : ", ") + a.column_name;
        line(indent++,
             "Aggregate (" + text + (text.empty() ? "" : "; ") + aggregates_text + ")" + (count_from_total_rows ? " from total rows" : ""));
    }
    if (where_actions)
        line(indent++, "Filter (WHERE)");
    std::string columns;
    for (const auto & c : read_columns)
        columns += (columns.empty() ? "" : ", ") + c;
    switch (source_kind)
    {
    case SourceKind::OneRow:
        line(indent, "ReadFromOneRow");
        break;
    case SourceKind::Numbers:
        line(indent, "ReadFromNumbers (" + table_name + ")");
        break;
    case SourceKind::Table:
        if (const auto * join = dynamic_cast<const StorageHashJoin *>(storage.get()))
        {
            for (const auto & [depth, text] : join->explainLines(read_columns, statistics))
                line(indent + depth, text);
            break;
        }
        if (storage && storage->getEngineName() == "Subquery")
        {
            /// Rows computed while planning (FROM subquery, CTE, the rows of window functions): no parts to select.
            auto rows = storage->totalRows();
            line(indent, "ReadFromSubquery (" + table_name + "; columns: " + columns + (rows ? "; rows: " + std::to_string(*rows) : "") + ")");
            break;
        }
        line(indent, "ReadFromStorage (" + table_name + (final ? " FINAL" : "") + "; columns: " + columns + ")");
        if (!key_condition_description.empty())
        {
            std::string text = key_condition_description;
            size_t start = 0;
            while (start < text.size())
            {
                size_t end = text.find('\n', start);
                if (end == std::string::npos)
                    end = text.size();
                line(indent + 1, "Key condition: " + text.substr(start, end - start));
                start = end + 1;
            }
        }
        if (statistics)
        {
            line(indent + 1, "Parts: " + std::to_string(statistics->parts_selected) + "/" + std::to_string(statistics->parts_total));
            line(indent + 1,
                 "Granules: " + std::to_string(statistics->granules_selected) + "/" + std::to_string(statistics->granules_total));
        }
        break;
    }
    return out;
}

} // namespace pipit

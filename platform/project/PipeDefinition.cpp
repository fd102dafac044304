#include "platform/project/PipeDefinition.h"

#include "engine/base/Exception.h"

#include <algorithm>
#include <set>

namespace pipit
{

namespace
{

std::string lower(std::string s)
{
    for (auto & c : s)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return s;
}

std::vector<std::string> splitTags(const std::string & text)
{
    std::vector<std::string> items;
    size_t pos = 0;
    while (pos <= text.size())
    {
        size_t end = text.find_first_of(",\n", pos);
        if (end == std::string::npos)
            end = text.size();
        std::string item = text.substr(pos, end - pos);
        size_t b = item.find_first_not_of(" \t\r");
        size_t e = item.find_last_not_of(" \t\r");
        if (b != std::string::npos)
            items.push_back(item.substr(b, e - b + 1));
        pos = end + 1;
    }
    return items;
}

/// A node-level setting seen while reading a node, validated once the node's TYPE is known.
struct NodeSetting
{
    std::string key;
    std::string value;
    std::string location;
};

bool parseCronNumber(const std::string & s, int & out)
{
    if (s.empty() || s.size() > 4 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return false;
    out = std::stoi(s);
    return true;
}

/// Checks one cron field; returns an error message or "".
std::string validateCronField(const std::string & field, int min, int max, const char * what)
{
    size_t pos = 0;
    while (pos <= field.size())
    {
        size_t end = field.find(',', pos);
        if (end == std::string::npos)
            end = field.size();
        std::string item = field.substr(pos, end - pos);
        pos = end + 1;
        std::string range = item;
        std::string step;
        if (size_t slash = item.find('/'); slash != std::string::npos)
        {
            range = item.substr(0, slash);
            step = item.substr(slash + 1);
            int step_value = 0;
            if (!parseCronNumber(step, step_value) || step_value <= 0)
                return std::string("invalid step '") + step + "' in the " + what + " field";
            if (range != "*" && range.find('-') == std::string::npos)
                return std::string("a step needs a range in the ") + what + " field: use '" + range + "-" + std::to_string(max) + "/" +
                       step + "' instead of '" + item + "'";
        }
        if (range == "*")
            continue;
        size_t dash = range.find('-');
        int a = 0;
        int b = 0;
        if (dash == std::string::npos)
        {
            if (!parseCronNumber(range, a))
                return std::string("invalid value '") + range + "' in the " + what + " field";
            b = a;
        }
        else if (!parseCronNumber(range.substr(0, dash), a) || !parseCronNumber(range.substr(dash + 1), b))
            return std::string("invalid range '") + range + "' in the " + what + " field";
        if (a < min || b > max || a > b)
            return std::string("value out of range in the ") + what + " field (" + std::to_string(min) + "-" + std::to_string(max) + "): '" +
                   range + "'";
    }
    return {};
}

} // namespace

const char * pipeNodeTypeName(PipeNodeType type)
{
    switch (type)
    {
    case PipeNodeType::Standard:
        return "standard";
    case PipeNodeType::Endpoint:
        return "endpoint";
    case PipeNodeType::Materialized:
        return "materialized";
    case PipeNodeType::Copy:
        return "copy";
    case PipeNodeType::Sink:
        return "sink";
    }
    return "standard";
}

bool PipeNode::isTemplated() const
{
    size_t end = sql.find('\n');
    std::string first = sql.substr(0, end);
    while (!first.empty() && (first.back() == ' ' || first.back() == '\t' || first.back() == '\r'))
        first.pop_back();
    while (!first.empty() && (first.front() == ' ' || first.front() == '\t'))
        first.erase(first.begin());
    return first == "%";
}

std::string PipeDefinition::typeName() const
{
    return output_node ? pipeNodeTypeName(nodes[*output_node].type) : "default";
}

const PipeNode * PipeDefinition::findNode(const std::string & node_name) const
{
    for (const auto & node : nodes)
        if (node.name == node_name)
            return &node;
    return nullptr;
}

std::string PipeDefinition::exportSetting(const std::string & key) const
{
    for (const auto & [k, v] : export_settings)
        if (k == key)
            return v;
    return {};
}

std::string validateCopySchedule(const std::string & schedule)
{
    if (schedule == "@on-demand")
        return {};
    std::vector<std::string> fields;
    size_t pos = 0;
    while (pos < schedule.size())
    {
        size_t begin = schedule.find_first_not_of(" \t", pos);
        if (begin == std::string::npos)
            break;
        size_t end = schedule.find_first_of(" \t", begin);
        if (end == std::string::npos)
            end = schedule.size();
        fields.push_back(schedule.substr(begin, end - begin));
        pos = end;
    }
    if (fields.size() != 5)
        return "'" + schedule + "' is not a valid schedule: use @on-demand or a 5-field cron expression (minute hour day month weekday)";
    static const int mins[] = {0, 0, 1, 1, 0};
    static const int maxs[] = {59, 23, 31, 12, 7};
    static const char * names[] = {"minute", "hour", "day of month", "month", "day of week"};
    for (size_t i = 0; i < 5; ++i)
        if (std::string error = validateCronField(fields[i], mins[i], maxs[i], names[i]); !error.empty())
            return "'" + schedule + "' is not a valid cron expression: " + error;
    return {};
}

PipeDefinition parsePipe(const Datafile & file, const std::string & name)
{
    PipeDefinition pipe;
    pipe.name = name;
    pipe.path = file.path();
    std::vector<std::vector<NodeSetting>> node_settings;
    std::vector<std::string> node_type_locations;
    std::string output_location;

    for (const auto & directive : file.directives())
    {
        const std::string & key = directive.name;
        const std::string location = directive.location();
        PipeNode * node = pipe.nodes.empty() ? nullptr : &pipe.nodes.back();
        auto need_node = [&]
        {
            if (!node)
                throwDatafileError(location, key + " must follow a NODE");
        };
        auto single_line = [&]
        {
            if (directive.is_block)
                throwDatafileError(location, key + " does not take a block");
        };

        if (key == "DESCRIPTION")
        {
            if (node)
                node->description = directive.text();
            else
                pipe.description = directive.text();
        }
        else if (key == "TAGS")
            pipe.tags = splitTags(directive.text());
        else if (key == "TOKEN")
        {
            single_line();
            if (directive.args.empty() || directive.args.size() > 2)
                throwDatafileError(location, "TOKEN expects `TOKEN <name> READ`");
            if (directive.args.size() == 2 && lower(directive.args[1]) != "read")
                throwDatafileError(location, "Invalid TOKEN scope '" + directive.args[1] + "' in a pipe: only READ is valid");
            if (directive.args[0].empty())
                throwDatafileError(location, "TOKEN needs a name");
            pipe.tokens.push_back({directive.args[0], ResourceTokenScope::Read});
        }
        else if (key == "NODE")
        {
            single_line();
            if (directive.args.size() != 1)
                throwDatafileError(location, "NODE expects one name: `NODE <name>`");
            const std::string & node_name = directive.args[0];
            if (!isValidResourceName(node_name))
                throwDatafileError(location, "Invalid node name '" + node_name + "': use letters, digits and underscores, starting with a letter or _");
            if (node_name == pipe.name)
                throwDatafileError(location, "Node '" + node_name + "' must not have the same name as its pipe");
            if (pipe.findNode(node_name))
                throwDatafileError(location, "Node '" + node_name + "' is defined twice in pipe '" + pipe.name + "'");
            PipeNode new_node;
            new_node.name = node_name;
            new_node.line = directive.line;
            pipe.nodes.push_back(std::move(new_node));
            node_settings.emplace_back();
            node_type_locations.emplace_back(location);
        }
        else if (key == "SQL")
        {
            need_node();
            if (!node->sql.empty())
                throwDatafileError(location, "Node '" + node->name + "' has two SQL blocks");
            node->sql = directive.text();
            node->sql_line = directive.is_block ? directive.block_line : directive.line;
            if (node->sql.empty())
                throwDatafileError(location, "Node '" + node->name + "' has an empty SQL");
        }
        else if (key == "TYPE")
        {
            need_node();
            single_line();
            std::string type = lower(directive.value);
            PipeNodeType node_type;
            if (type == "endpoint")
                node_type = PipeNodeType::Endpoint;
            else if (type == "materialized")
                node_type = PipeNodeType::Materialized;
            else if (type == "copy")
                node_type = PipeNodeType::Copy;
            else if (type == "sink")
                node_type = PipeNodeType::Sink;
            else
                throwDatafileError(location, "Invalid TYPE '" + directive.value + "' (valid: endpoint, materialized, copy, sink)");
            if (pipe.output_node && *pipe.output_node != pipe.nodes.size() - 1)
                throwDatafileError(location, "Only one output node per pipe: node '" + pipe.nodes[*pipe.output_node].name + "' already has TYPE " +
                                                 pipeNodeTypeName(pipe.nodes[*pipe.output_node].type) + " (" + output_location + ")");
            node->type = node_type;
            pipe.output_node = pipe.nodes.size() - 1;
            output_location = location;
            node_type_locations.back() = location;
        }
        else if (key == "DATASOURCE" || key == "DEPLOYMENT_METHOD" || key == "TARGET_DATASOURCE" || key == "COPY_SCHEDULE" ||
                 key == "COPY_MODE" || key == "MODE" || key == "CACHE" || key.starts_with("EXPORT_"))
        {
            need_node();
            single_line();
            node_settings.back().push_back({key == "MODE" ? "COPY_MODE" : key, directive.value, location});
        }
        else
            throwDatafileError(location, key + " is not a valid option in pipe files.");
    }

    if (pipe.nodes.empty())
        throwDatafileError(file.path() + ":1", "Pipe '" + pipe.name + "' has no NODE");

    for (size_t i = 0; i < pipe.nodes.size(); ++i)
    {
        const PipeNode & node = pipe.nodes[i];
        std::string node_location = file.path() + ":" + std::to_string(node.line);
        if (node.sql.empty())
            throwDatafileError(node_location, "Node '" + node.name + "' has no SQL");
        auto has = [&](const char * key)
        { return std::any_of(node_settings[i].begin(), node_settings[i].end(), [&](const NodeSetting & s) { return s.key == key; }); };
        for (const auto & setting : node_settings[i])
        {
            const std::string & key = setting.key;
            bool allowed = false;
            switch (node.type)
            {
            case PipeNodeType::Standard:
                break;
            case PipeNodeType::Endpoint:
                allowed = key == "CACHE";
                break;
            case PipeNodeType::Materialized:
                allowed = key == "DATASOURCE" || key == "DEPLOYMENT_METHOD";
                break;
            case PipeNodeType::Copy:
                allowed = key == "TARGET_DATASOURCE" || key == "COPY_SCHEDULE" || key == "COPY_MODE";
                break;
            case PipeNodeType::Sink:
                allowed = key.starts_with("EXPORT_");
                break;
            }
            if (!allowed)
                throwDatafileError(setting.location, key + " is not valid for " +
                                                         (node.type == PipeNodeType::Standard ? std::string("a node without TYPE")
                                                                                              : "a TYPE " + std::string(pipeNodeTypeName(node.type)) + " node"));
            if (key == "CACHE")
            {
                const std::string & v = setting.value;
                if (v.empty() || v.size() > 9 || !std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; }))
                    throwDatafileError(setting.location, "CACHE expects a number of seconds, got '" + v + "'");
                pipe.cache_seconds = static_cast<unsigned>(std::stoul(v));
            }
            else if (key == "DATASOURCE")
                pipe.materialized_datasource = setting.value;
            else if (key == "DEPLOYMENT_METHOD")
            {
                if (lower(setting.value) != "alter")
                    throwDatafileError(setting.location, "DEPLOYMENT_METHOD only accepts 'alter', got '" + setting.value + "'");
                pipe.deployment_method = "alter";
            }
            else if (key == "TARGET_DATASOURCE")
                pipe.copy_target_datasource = setting.value;
            else if (key == "COPY_SCHEDULE")
            {
                if (std::string error = validateCopySchedule(setting.value); !error.empty())
                    throwDatafileError(setting.location, error);
                pipe.copy_schedule = setting.value;
            }
            else if (key == "COPY_MODE")
            {
                std::string mode = lower(setting.value);
                if (mode != "append" && mode != "replace")
                    throwDatafileError(setting.location, "COPY_MODE must be append or replace, got '" + setting.value + "'");
                pipe.copy_mode = mode;
            }
            else if (key.starts_with("EXPORT_"))
            {
                static const std::set<std::string> known = {"EXPORT_CONNECTION_NAME", "EXPORT_KAFKA_TOPIC", "EXPORT_SCHEDULE", "EXPORT_BUCKET_URI",
                                                            "EXPORT_FILE_TEMPLATE",   "EXPORT_FORMAT",      "EXPORT_COMPRESSION", "EXPORT_STRATEGY",
                                                            "EXPORT_WRITE_STRATEGY"};
                if (!known.contains(key))
                    throwDatafileError(setting.location, key + " is not a valid option in pipe files.");
                if (key == "EXPORT_FORMAT")
                {
                    std::string format = lower(setting.value);
                    if (format != "csv" && format != "ndjson" && format != "parquet")
                        throwDatafileError(setting.location, "EXPORT_FORMAT must be csv, ndjson or parquet, got '" + setting.value + "'");
                }
                if (key == "EXPORT_SCHEDULE")
                    if (std::string error = validateCopySchedule(setting.value); !error.empty())
                        throwDatafileError(setting.location, error);
                pipe.export_settings.emplace_back(key, setting.value);
            }
        }
        const std::string & type_location = node_type_locations[i];
        if (node.type == PipeNodeType::Materialized && !has("DATASOURCE"))
            throwDatafileError(type_location, "Materialized node '" + node.name + "' requires DATASOURCE");
        if (node.type == PipeNodeType::Copy)
        {
            if (!has("TARGET_DATASOURCE"))
                throwDatafileError(type_location, "Copy node '" + node.name + "' requires TARGET_DATASOURCE");
            if (pipe.copy_schedule.empty())
                pipe.copy_schedule = "@on-demand";
            if (pipe.copy_mode.empty())
                pipe.copy_mode = "append";
        }
        if (node.type == PipeNodeType::Sink)
        {
            if (!has("EXPORT_CONNECTION_NAME"))
                throwDatafileError(type_location, "Sink node '" + node.name + "' requires EXPORT_CONNECTION_NAME");
            bool kafka = has("EXPORT_KAFKA_TOPIC");
            bool bucket = has("EXPORT_BUCKET_URI") || has("EXPORT_FILE_TEMPLATE") || has("EXPORT_FORMAT") || has("EXPORT_COMPRESSION") ||
                          has("EXPORT_STRATEGY") || has("EXPORT_WRITE_STRATEGY");
            if (kafka && bucket)
                throwDatafileError(type_location, "Sink node '" + node.name + "' mixes Kafka (EXPORT_KAFKA_TOPIC) and bucket (EXPORT_BUCKET_URI, ...) settings");
            if (!has("EXPORT_SCHEDULE"))
                throwDatafileError(type_location, "Sink node '" + node.name + "' requires EXPORT_SCHEDULE");
            if (!kafka && (!has("EXPORT_BUCKET_URI") || !has("EXPORT_FILE_TEMPLATE")))
                throwDatafileError(type_location, "Sink node '" + node.name + "' requires EXPORT_KAFKA_TOPIC, or EXPORT_BUCKET_URI and EXPORT_FILE_TEMPLATE");
        }
    }
    return pipe;
}

PipeDefinition parsePipeText(std::string_view text, const std::string & name, const std::string & path)
{
    std::string file_name = path.empty() ? name + ".pipe" : path;
    return parsePipe(Datafile::parse(text, file_name, DatafileKind::Pipe), name);
}

std::string pipeToText(const PipeDefinition & pipe)
{
    std::string out;
    if (!pipe.description.empty())
        out += "DESCRIPTION >\n" + Datafile::indentBlock(pipe.description) + "\n";
    for (const auto & token : pipe.tokens)
        out += "TOKEN " + Datafile::quote(token.name) + " READ\n";
    if (!pipe.tokens.empty())
        out += "\n";
    if (!pipe.tags.empty())
    {
        std::string tags;
        for (const auto & tag : pipe.tags)
            tags += (tags.empty() ? "" : ", ") + tag;
        out += "TAGS " + Datafile::quote(tags) + "\n\n";
    }
    for (size_t i = 0; i < pipe.nodes.size(); ++i)
    {
        const PipeNode & node = pipe.nodes[i];
        if (i > 0)
            out += "\n";
        out += "NODE " + node.name + "\n";
        if (!node.description.empty())
            out += "DESCRIPTION >\n" + Datafile::indentBlock(node.description) + "\n";
        out += "SQL >\n" + Datafile::indentBlock(node.sql);
        if (node.type == PipeNodeType::Standard)
            continue;
        out += "\nTYPE " + std::string(pipeNodeTypeName(node.type)) + "\n";
        switch (node.type)
        {
        case PipeNodeType::Endpoint:
            if (pipe.cache_seconds)
                out += "CACHE " + std::to_string(*pipe.cache_seconds) + "\n";
            break;
        case PipeNodeType::Materialized:
            out += "DATASOURCE " + pipe.materialized_datasource + "\n";
            if (!pipe.deployment_method.empty())
                out += "DEPLOYMENT_METHOD " + pipe.deployment_method + "\n";
            break;
        case PipeNodeType::Copy:
            out += "TARGET_DATASOURCE " + pipe.copy_target_datasource + "\n";
            out += "COPY_SCHEDULE " + (pipe.copy_schedule == "@on-demand" ? pipe.copy_schedule : Datafile::quote(pipe.copy_schedule)) + "\n";
            out += "COPY_MODE " + pipe.copy_mode + "\n";
            break;
        case PipeNodeType::Sink:
            for (const auto & [key, value] : pipe.export_settings)
                out += key + " " + Datafile::quote(value) + "\n";
            break;
        case PipeNodeType::Standard:
            break;
        }
    }
    return out;
}

} // namespace pipit

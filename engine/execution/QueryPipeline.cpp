#include "engine/execution/QueryPipeline.h"

#include "engine/base/Check.h"
#include "engine/base/MemoryTracker.h"
#include "engine/base/ThreadPool.h"
#include "engine/execution/Aggregator.h"
#include "engine/execution/BlockOperations.h"
#include "engine/execution/PrewhereExpression.h"
#include "engine/execution/SourceNumbers.h"
#include "engine/functions/FunctionArguments.h"
#include "engine/functions/FunctionCast.h"
#include "engine/planner/SelectQueryPlanner.h"
#include "engine/planner/SetOperationRewriter.h"
#include "engine/planner/StorageBlocks.h"
#include "engine/sql/AST.h"
#include "engine/types/DataTypeSupertype.h"

#include <algorithm>
#include <atomic>
#include <limits>
#include <mutex>
#include <thread>

namespace pipit
{

namespace
{

size_t effectiveThreads(const ExecutionSettings & settings)
{
    if (settings.max_threads)
        return settings.max_threads;
    /// hardware_concurrency() reads /sys on every call (5% of a point lookup's CPU): once per process.
    static const size_t hardware_threads = std::max<size_t>(1, std::thread::hardware_concurrency());
    return hardware_threads;
}

/// Settings that change a query's result and that pipit does not implement: a non-default value is an error rather
/// than a silently different answer. Other unknown settings (tuning knobs) are ignored.
void checkUnsupportedSetting(const std::string & name, const Field & value)
{
    static const std::vector<std::string> boolean_settings = {"group_by_use_nulls", "aggregate_functions_null_for_empty",
                                                              "transform_null_in", "cast_keep_nullable"};
    bool unsupported = false;
    if (std::find(boolean_settings.begin(), boolean_settings.end(), name) != boolean_settings.end())
        unsupported = value.which() == Field::Which::String ? value.get<std::string>() != "0" && value.get<std::string>() != "false"
                                                            : !value.isNull() && value.toUInt64() != 0;
    else if (name == "totals_mode")
        unsupported = value.which() != Field::Which::String || value.get<std::string>() != "after_having_exclusive";
    if (unsupported)
        throw Exception(ErrorCode::NOT_IMPLEMENTED, "Setting " + name + " = " + value.dump() + " is not supported yet");
}

ExecutionSettings applyQuerySettings(const ASTSelectQuery & query, ExecutionSettings settings)
{
    for (const auto & change : query.settings)
    {
        checkUnsupportedSetting(change.name, change.value);
        if (change.name == "max_threads")
            settings.max_threads = change.value.toUInt64();
        else if (change.name == "max_block_size")
            settings.max_block_size = std::max<UInt64>(1, change.value.toUInt64());
        else if (change.name == "group_by_two_level_threshold")
            settings.group_by_two_level_threshold = change.value.toUInt64();
        else if (change.name == "max_memory_usage")
        {
            /// Can only tighten the limit the query was given.
            if (auto * tracker = MemoryTracker::current())
                tracker->lowerLimit(static_cast<Int64>(std::min<UInt64>(change.value.toUInt64(), std::numeric_limits<Int64>::max())));
        }
        else if (change.name == "max_execution_time")
        {
            double seconds = change.value.toFloat64();
            if (seconds > 0 && seconds < 1e9)
            {
                auto deadline = std::chrono::steady_clock::now() +
                                std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(seconds));
                if (!settings.deadline || deadline < *settings.deadline)
                    settings.deadline = deadline;
            }
        }
    }
    return settings;
}

/// ORDER BY <table column> ... LIMIT over unfiltered rows: lets the storage skip parts by their min/max of that column.
void setOrderLimitHint(const SelectQueryPlan & plan, ReadRequest & request)
{
    if (plan.sort.empty() || !plan.limit || plan.limit_by_length || plan.where_actions || plan.has_aggregation || plan.distinct ||
        plan.final || plan.key_condition || !plan.projection_actions)
        return;
    for (const auto & output : plan.projection_actions->getOutputs())
    {
        if (output.name != plan.sort[0].column_name)
            continue;
        const auto & node = plan.projection_actions->getNode(output.node);
        if (node.type != ExpressionActions::NodeType::Input || !plan.source_header.has(node.name))
            return;
        UInt64 needed = 0;
        if (__builtin_add_overflow(*plan.limit, plan.offset, &needed) || needed == 0)
            return;
        request.order_column = node.name;
        request.order_descending = plan.sort[0].direction < 0;
        request.order_limit = static_cast<size_t>(needed);
        return;
    }
}

/// A read of at most this many granules runs its streams on the calling thread: handing a few granules to the
/// thread pool costs more (wake-ups, context switches under concurrent queries) than it saves, the more so as
/// such reads are served by the granule cache (a point lookup reads one granule per part).
constexpr size_t max_granules_on_calling_thread = 16;

/// Whether the storage reported (MergeTree granule statistics) a read small enough for the calling thread.
bool readsFewGranules(const ReadStatistics & statistics)
{
    return statistics.granules_total > 0 && statistics.granules_selected <= max_granules_on_calling_thread;
}

/// Readers of the plan's source, one per stream.
/// `prewhere` (optional) receives the prewhere handed to storage, if any.
std::vector<SourcePtr> createSources(const SelectQueryPlan & plan, size_t threads, size_t max_block_size, const std::atomic<bool> * stop,
                                     ReadStatistics & statistics, std::shared_ptr<const PrewhereExpression> * prewhere = nullptr)
{
    std::vector<SourcePtr> sources;
    switch (plan.source_kind)
    {
    case SelectQueryPlan::SourceKind::OneRow:
        sources.push_back(std::make_unique<SourceNumbers>(0, 1, 1, stop, true));
        break;
    case SelectQueryPlan::SourceKind::Numbers:
    {
        if (!plan.numbers_count)
        {
            sources.push_back(std::make_unique<SourceNumbers>(plan.numbers_offset, std::nullopt, max_block_size, stop));
            break;
        }
        UInt64 count = *plan.numbers_count;
        UInt64 streams = std::max<UInt64>(1, std::min<UInt64>(threads, count / std::max<size_t>(1, max_block_size)));
        UInt64 per_stream = (count + streams - 1) / streams;
        for (UInt64 s = 0; s < streams; ++s)
        {
            UInt64 begin = plan.numbers_offset + s * per_stream;
            UInt64 end = plan.numbers_offset + std::min(count, (s + 1) * per_stream);
            if (begin < end)
                sources.push_back(std::make_unique<SourceNumbers>(begin, end, max_block_size, stop));
        }
        break;
    }
    case SelectQueryPlan::SourceKind::Table:
    {
        ReadRequest request;
        request.column_names = plan.read_columns;
        request.key_condition = plan.key_condition;
        request.max_block_size = max_block_size;
        request.num_streams = threads;
        request.final = plan.final;
        setOrderLimitHint(plan, request);
        if (!plan.final)
            request.prewhere = PrewhereExpression::tryCreate(plan.where_actions, "__filter", plan.read_columns);
        if (prewhere)
            *prewhere = std::dynamic_pointer_cast<const PrewhereExpression>(request.prewhere);
        sources = plan.storage->read(request, &statistics);
        break;
    }
    }
    return sources;
}

/// Keeps the result columns only (drops sort keys), materialised.
Block toResult(const Block & projected, const Block & result_header)
{
    Block res;
    for (size_t i = 0; i < result_header.columns(); ++i)
    {
        const auto & column = projected.getByPosition(i);
        res.insert({convertToFullColumnIfConst(column.column), result_header.getByPosition(i).type, result_header.getByPosition(i).name});
    }
    return res;
}

/// Runs subqueries for the planner with the same settings as the outer query.
class SubqueryExecutorPipeline final : public ISubqueryExecutor
{
public:
    explicit SubqueryExecutorPipeline(ExecutionSettings settings)
        : settings_(settings)
    {
    }

    Block execute(const ASTPtr & query, const ITableResolver & tables) const override
    {
        std::vector<Block> blocks;
        auto result = QueryPipeline::executeSelect(query, tables, settings_, [&](const Block & block) { blocks.push_back(block); });
        rows_read_ += result.statistics.rows_read;
        bytes_read_ += result.statistics.bytes_read;
        return BlockOperations::concatenate(blocks, result.header);
    }

    /// Adds the rows and bytes every subquery run so far read from tables (a query's statistics count the reads of
    /// its subqueries and CTEs, not the rows of their materialised results).
    SelectResult withSubqueryReads(SelectResult result) const
    {
        result.statistics.rows_read += rows_read_;
        result.statistics.bytes_read += bytes_read_;
        return result;
    }

private:
    ExecutionSettings settings_;
    mutable std::atomic<size_t> rows_read_ {0};
    mutable std::atomic<size_t> bytes_read_ {0};
};

Block applyFilter(const ExpressionActions & actions, Block block)
{
    Block filter = actions.execute(block);
    const auto & column = filter.getByPosition(0);
    auto mask = BlockOperations::filterMask(column.column, column.type, block.rows());
    BlockOperations::filterBlock(block, mask);
    return block;
}

/// The key columns of `aggregated` (GROUP BY output) with key k kept where kept[k] and otherwise set
/// to its type's default value.
Block rolledUpKeys(const Block & aggregated, const std::vector<std::string> & keys, const std::vector<bool> & kept, size_t rows)
{
    Block res;
    for (size_t k = 0; k < keys.size(); ++k)
    {
        const auto & column = aggregated.getByName(keys[k]);
        if (kept[k])
        {
            res.insert(column);
            continue;
        }
        auto defaults = column.type->createColumn();
        defaults->reserve(rows);
        for (size_t i = 0; i < rows; ++i)
            defaults->insertDefault();
        res.insert({std::move(defaults), column.type, column.name});
    }
    return res;
}

/// GROUP BY ... WITH ROLLUP / CUBE / TOTALS over the groups of `aggregator` (finished into
/// `finished`, in its output order): appends the subtotal blocks to `finished` and sets `totals`
/// (projected). Subtotals and totals merge the groups' aggregate states, the input is not read again.
void applyGroupByModifiers(const SelectQueryPlan & plan, const Aggregator & aggregator, const DataTypes & key_types,
                           std::vector<Block> & finished, std::optional<Block> & totals)
{
    if (plan.group_by_with_totals && plan.having_actions && plan.group_by_modifier != SelectQueryPlan::GroupByModifier::None)
        throw Exception(ErrorCode::NOT_IMPLEMENTED, "WITH TOTALS and WITH ROLLUP or CUBE are not supported together in presence of HAVING");
    Block all = finished.size() == 1 ? finished[0] : BlockOperations::concatenate(finished, finished[0].cloneEmpty());
    size_t rows = all.rows();
    std::vector<AggregateDataPtr> places = aggregator.placesInOutputOrder();
    CHECK(places.size() == rows);
    const auto & keys = plan.group_keys;

    if (plan.group_by_with_totals)
    {
        /// totals_mode 'after_having_exclusive': only the groups that pass HAVING.
        std::vector<AggregateDataPtr> selected = places;
        if (plan.having_actions && rows > 0)
        {
            Block filter = plan.having_actions->execute(all);
            const auto & column = filter.getByPosition(0);
            auto mask = BlockOperations::filterMask(column.column, column.type, rows);
            selected.clear();
            for (size_t i = 0; i < rows; ++i)
                if (mask[i])
                    selected.push_back(places[i]);
        }
        Aggregator total({}, {}, plan.aggregates);
        total.addStates(Block(), selected.size(), selected.data());
        Block aggregates = total.finish();
        Block row = rolledUpKeys(all.cloneEmpty(), keys, std::vector<bool>(keys.size(), false), 1);
        for (const auto & column : aggregates)
            row.insert(column);
        totals = toResult(plan.projection_actions->execute(row), plan.result_header);
    }

    if (plan.group_by_modifier == SelectQueryPlan::GroupByModifier::None || keys.empty())
        return;
    /// The sets of kept keys, in ClickHouse's order. ROLLUP: the first n-1, n-2, ..., 0 keys. CUBE:
    /// masks 2^n - 2 down to 0, the first key being the highest bit.
    std::vector<std::vector<bool>> sets;
    size_t n = keys.size();
    if (plan.group_by_modifier == SelectQueryPlan::GroupByModifier::Rollup)
    {
        for (size_t level = n; level-- > 0;)
        {
            std::vector<bool> kept(n, false);
            for (size_t k = 0; k < level; ++k)
                kept[k] = true;
            sets.push_back(std::move(kept));
        }
    }
    else
    {
        if (n > 20)
            throw Exception(ErrorCode::BAD_ARGUMENTS, "Too many keys for WITH CUBE: " + std::to_string(n) + ", the maximum is 20");
        for (UInt64 mask = (UInt64(1) << n) - 1; mask-- > 0;)
        {
            std::vector<bool> kept(n, false);
            for (size_t k = 0; k < n; ++k)
                kept[k] = ((mask >> (n - k - 1)) & 1) != 0;
            sets.push_back(std::move(kept));
        }
    }
    for (const auto & kept : sets)
    {
        Aggregator subtotal(keys, key_types, plan.aggregates);
        subtotal.addStates(rolledUpKeys(all, keys, kept, rows), rows, places.data());
        finished.push_back(subtotal.finish());
    }
}

} // namespace

SelectResult QueryPipeline::executePlan(const SelectQueryPlan & plan, const ExecutionSettings & settings, const BlockCallback & on_block)
{
    SelectResult result;
    result.header = plan.result_header;
    result.has_limit = plan.limit.has_value();
    size_t threads = effectiveThreads(settings);
    size_t max_block_size = settings.max_block_size ? settings.max_block_size : 65536;
    std::optional<size_t> needed_rows;
    if (plan.limit && !plan.limit_by_length)
    {
        UInt64 sum = 0;
        if (__builtin_add_overflow(*plan.limit, plan.offset, &sum))
            sum = UINT64_MAX;
        needed_rows = static_cast<size_t>(std::min<UInt64>(sum, SIZE_MAX / 2));
    }

    std::atomic<bool> stop {false};
    bool streaming_limit = needed_rows && plan.sort.empty() && !plan.has_aggregation && !plan.distinct;

    std::vector<Block> blocks;
    std::atomic<size_t> rows_produced {0};
    /// Rows and bytes the sources produced, for the statistics of FORMAT JSON.
    std::atomic<size_t> rows_read {0};
    std::atomic<size_t> bytes_read {0};

    if (plan.count_from_total_rows && plan.storage && plan.storage->totalRows())
    {
        /// count() without WHERE from the storage's row count.
        auto column = ColumnUInt64::create(1);
        column->getData()[0] = *plan.storage->totalRows();
        Block aggregated({{std::move(column), typeUInt64(), plan.aggregates[0].column_name}});
        if (plan.having_actions)
            aggregated = applyFilter(*plan.having_actions, aggregated);
        if (aggregated.rows())
            blocks.push_back(plan.projection_actions->execute(aggregated));
    }
    else
    {
        std::shared_ptr<const PrewhereExpression> prewhere;
        auto sources = createSources(plan, threads, max_block_size, &stop, result.statistics, &prewhere);
        size_t streams = sources.size();

        std::vector<std::unique_ptr<Aggregator>> aggregators(streams);
        std::vector<std::vector<Block>> stream_blocks(streams);
        DataTypes key_types;
        if (plan.has_aggregation)
        {
            Block header = plan.before_aggregation_actions->getOutputHeader();
            for (const auto & key : plan.group_keys)
                key_types.push_back(header.getByName(key).type);
            for (size_t s = 0; s < streams; ++s)
            {
                aggregators[s] = std::make_unique<Aggregator>(plan.group_keys, key_types, plan.aggregates);
                if (settings.group_by_two_level_threshold)
                    aggregators[s]->setTwoLevelThreshold(*settings.group_by_two_level_threshold);
            }
        }

        /// Rows of a materialised subquery or CTE result were counted when the subquery read them.
        const bool source_is_table_read = !dynamic_cast<const StorageBlocks *>(plan.storage.get());
        auto run_stream = [&](size_t s)
        {
            ISource & source = *sources[s];
            auto & out = stream_blocks[s];
            size_t accumulated_rows = 0;
            size_t stream_rows_read = 0;
            size_t stream_bytes_read = 0;
            while (!stop.load(std::memory_order_relaxed))
            {
                Block block = source.read();
                if (block.columns() == 0)
                    break;
                if (block.rows() == 0)
                    continue;
                stream_rows_read += block.rows();
                if (settings.deadline && std::chrono::steady_clock::now() > *settings.deadline)
                {
                    stop.store(true);
                    throw Exception(ErrorCode::TIMEOUT_EXCEEDED, "Timeout exceeded: the query ran longer than its time limit");
                }
                MemoryTracker::checkCurrent();
                for (size_t c = 0; c < block.columns(); ++c)
                    stream_bytes_read += block.getByPosition(c).column->byteSize();
                if (plan.where_actions)
                {
                    block = applyFilter(*plan.where_actions, std::move(block));
                    if (block.rows() == 0)
                        continue;
                }
                if (plan.has_aggregation)
                {
                    aggregators[s]->add(plan.before_aggregation_actions->execute(block), block.rows());
                    continue;
                }
                Block projected = plan.projection_actions->execute(block);
                size_t rows = projected.rows();
                if (!plan.sort.empty() && needed_rows && !plan.distinct)
                {
                    BlockOperations::sortBlock(projected, plan.sort, *needed_rows);
                    accumulated_rows += projected.rows();
                    out.push_back(std::move(projected));
                    /// Keep the per-stream top-N small.
                    if (out.size() > 8 && accumulated_rows > 2 * *needed_rows)
                    {
                        Block merged = BlockOperations::concatenate(out, out[0]);
                        BlockOperations::sortBlock(merged, plan.sort, *needed_rows);
                        out.clear();
                        accumulated_rows = merged.rows();
                        out.push_back(std::move(merged));
                    }
                }
                else
                    out.push_back(std::move(projected));
                size_t total = rows_produced.fetch_add(rows) + rows;
                if (streaming_limit && total >= *needed_rows)
                    stop.store(true);
            }
            if (source_is_table_read)
            {
                rows_read.fetch_add(stream_rows_read);
                bytes_read.fetch_add(stream_bytes_read);
            }
        };
        if (streams == 1)
            run_stream(0);
        else if (streams > 1)
            parallelFor(streams, readsFewGranules(result.statistics) ? 1 : std::min(threads, streams), run_stream);
        result.statistics.rows_read += rows_read.load() + (prewhere ? prewhere->rowsDropped() : 0);
        for (const auto & source : sources)
            result.statistics.rows_read += source->rowsSkipped();
        result.statistics.bytes_read += bytes_read.load();

        if (plan.has_aggregation)
        {
            Aggregator::mergeParallel(aggregators, threads);
            if (streams == 0)
                aggregators.push_back(std::make_unique<Aggregator>(plan.group_keys, key_types, plan.aggregates));
            std::vector<Block> finished = aggregators[0]->finishBlocks(threads);
            if (plan.group_by_modifier != SelectQueryPlan::GroupByModifier::None || plan.group_by_with_totals)
                applyGroupByModifiers(plan, *aggregators[0], key_types, finished, result.totals);
            for (Block & aggregated : finished)
            {
                if (plan.having_actions && aggregated.rows())
                    aggregated = applyFilter(*plan.having_actions, aggregated);
                if (aggregated.rows())
                    blocks.push_back(plan.projection_actions->execute(aggregated));
            }
        }
        else
        {
            for (auto & per_stream : stream_blocks)
                for (auto & b : per_stream)
                    blocks.push_back(std::move(b));
        }
    }

    /// Merge stage.
    Block projection_header = plan.projection_actions->getOutputHeader();
    if (!plan.sort.empty() || plan.distinct || plan.limit_by_length)
    {
        Block merged = BlockOperations::concatenate(blocks, projection_header);
        blocks.clear();
        MemoryTracker::checkCurrent();
        if (plan.distinct)
            BlockOperations::distinctBlock(merged, plan.result_header.columns());
        size_t total_rows = merged.rows();
        if (!plan.sort.empty())
            BlockOperations::sortBlock(merged, plan.sort, needed_rows.value_or(0));
        if (plan.fill)
            merged = FillingTransform::apply(merged, *plan.fill);
        if (plan.limit_by_length)
        {
            BlockOperations::limitByBlock(merged, plan.limit_by_columns, *plan.limit_by_length, plan.limit_by_offset);
            total_rows = merged.rows();
        }
        blocks.clear();
        blocks.push_back(std::move(merged));
        result.rows_before_limit_at_least = total_rows;
        if (plan.has_aggregation || plan.distinct || !needed_rows)
            result.rows_before_limit_at_least = total_rows;
        else
            result.rows_before_limit_at_least = std::max(total_rows, rows_produced.load() + result.statistics.rows_skipped_by_order_limit);
    }
    else
    {
        size_t total_rows = 0;
        for (const auto & b : blocks)
            total_rows += b.rows();
        result.rows_before_limit_at_least = total_rows;
    }

    /// OFFSET / LIMIT across the blocks in order, then emit.
    size_t skip = plan.offset;
    size_t remaining = plan.limit ? static_cast<size_t>(*plan.limit) : SIZE_MAX;
    for (auto & block : blocks)
    {
        if (remaining == 0)
            break;
        size_t rows = block.rows();
        if (rows == 0)
            continue;
        if (skip >= rows)
        {
            skip -= rows;
            continue;
        }
        Block part = block;
        if (skip > 0 || rows - skip > remaining)
            part = BlockOperations::cutBlock(block, skip, std::min(rows - skip, remaining));
        skip = 0;
        remaining -= part.rows();
        Block out = toResult(part, plan.result_header);
        result.rows += out.rows();
        /// Blocks of at most max_block_size rows.
        if (out.rows() > max_block_size)
        {
            for (size_t start = 0; start < out.rows(); start += max_block_size)
                on_block(BlockOperations::cutBlock(out, start, max_block_size));
        }
        else
            on_block(out);
    }
    return result;
}

SelectResult QueryPipeline::executeSelect(const ASTPtr & query, const ITableResolver & tables, const ExecutionSettings & settings,
                                          const BlockCallback & on_block)
{
    if (const auto * select = query->as<ASTSelectQuery>())
    {
        auto effective = applyQuerySettings(*select, settings);
        SubqueryExecutorPipeline subqueries(effective);
        auto plan = SelectQueryPlanner::plan(*select, tables, &subqueries);
        return subqueries.withSubqueryReads(executePlan(plan, effective, on_block));
    }
    const auto * union_query = query->as<ASTSelectWithUnionQuery>();
    if (!union_query || union_query->selects.empty())
        throw Exception(ErrorCode::LOGICAL_ERROR, "executeSelect expects a SELECT query");
    if (union_query->selects.size() == 1)
        return executeSelect(union_query->selects[0], tables, settings, on_block);
    if (SetOperationRewriter::needsRewrite(*union_query))
        return executeSelect(
            SetOperationRewriter::rewrite(*union_query, [&](const ASTPtr & part) { return getResultHeader(part, tables).getNames(); }),
            tables, settings, on_block);
    for (auto mode : union_query->modes)
        if (mode != ASTSelectWithUnionQuery::Mode::UnionAll)
            throw Exception(ErrorCode::NOT_IMPLEMENTED, "Only UNION ALL is supported yet");

    /// UNION ALL: results in order, converted to the common header (names of the first SELECT, supertypes).
    SelectResult total;
    Block header = getResultHeader(query, tables);
    total.header = header;
    for (size_t i = 0; i < union_query->selects.size(); ++i)
    {
        auto part = executeSelect(union_query->selects[i], tables, settings,
                                  [&](const Block & block)
                                  {
                                      if (block.columns() != header.columns())
                                          throw Exception(ErrorCode::INCORRECT_NUMBER_OF_COLUMNS,
                                                          "Different number of columns in UNION ALL elements: " +
                                                              std::to_string(header.columns()) + " and " + std::to_string(block.columns()));
                                      Block converted;
                                      for (size_t c = 0; c < header.columns(); ++c)
                                      {
                                          const auto & column = block.getByPosition(c);
                                          const auto & target = header.getByPosition(c);
                                          converted.insert({castColumn(column, target.type), target.type, target.name});
                                      }
                                      on_block(converted);
                                  });
        total.rows += part.rows;
        total.rows_before_limit_at_least += part.rows_before_limit_at_least;
        total.has_limit = total.has_limit || part.has_limit;
        total.statistics.parts_total += part.statistics.parts_total;
        total.statistics.parts_selected += part.statistics.parts_selected;
        total.statistics.granules_total += part.statistics.granules_total;
        total.statistics.granules_selected += part.statistics.granules_selected;
        total.statistics.rows_read += part.statistics.rows_read;
        total.statistics.bytes_read += part.statistics.bytes_read;
    }
    return total;
}

SelectResult QueryPipeline::executeSelectWithHeader(const ASTPtr & query, const ITableResolver & tables, const ExecutionSettings & settings,
                                                    const BlockCallback & on_header, const BlockCallback & on_block)
{
    const auto * select = query->as<ASTSelectQuery>();
    if (const auto * union_query = query->as<ASTSelectWithUnionQuery>(); union_query && union_query->selects.size() == 1)
        select = union_query->selects[0]->as<ASTSelectQuery>();
    if (!select)
    {
        on_header(getResultHeader(query, tables));
        return executeSelect(query, tables, settings, on_block);
    }
    auto effective = applyQuerySettings(*select, settings);
    SubqueryExecutorPipeline subqueries(effective);
    auto plan = SelectQueryPlanner::plan(*select, tables, &subqueries);
    on_header(plan.result_header);
    return subqueries.withSubqueryReads(executePlan(plan, effective, on_block));
}

Block QueryPipeline::getResultHeader(const ASTPtr & query, const ITableResolver & tables)
{
    if (const auto * select = query->as<ASTSelectQuery>())
    {
        SubqueryExecutorPipeline subqueries({});
        return SelectQueryPlanner::plan(*select, tables, &subqueries).result_header;
    }
    const auto * union_query = query->as<ASTSelectWithUnionQuery>();
    if (!union_query || union_query->selects.empty())
        throw Exception(ErrorCode::LOGICAL_ERROR, "getResultHeader expects a SELECT query");
    if (SetOperationRewriter::needsRewrite(*union_query))
        return getResultHeader(
            SetOperationRewriter::rewrite(*union_query, [&](const ASTPtr & part) { return getResultHeader(part, tables).getNames(); }),
            tables);
    /// UNION ALL: names of the first SELECT, each column of the least supertype of all SELECTs' types.
    Block header = getResultHeader(union_query->selects[0], tables);
    std::vector<DataTypes> types(header.columns());
    for (size_t c = 0; c < header.columns(); ++c)
        types[c].push_back(header.getByPosition(c).type);
    for (size_t i = 1; i < union_query->selects.size(); ++i)
    {
        Block other = getResultHeader(union_query->selects[i], tables);
        if (other.columns() != header.columns())
            throw Exception(ErrorCode::INCORRECT_NUMBER_OF_COLUMNS,
                            "Different number of columns in UNION ALL elements: " + std::to_string(header.columns()) + " and " +
                                std::to_string(other.columns()));
        for (size_t c = 0; c < header.columns(); ++c)
            types[c].push_back(other.getByPosition(c).type);
    }
    Block result;
    for (size_t c = 0; c < header.columns(); ++c)
    {
        const auto & column = header.getByPosition(c);
        bool same = std::all_of(types[c].begin(), types[c].end(), [&](const DataTypePtr & type) { return type->equals(*column.type); });
        result.insert({same ? column.column : nullptr, same ? column.type : getLeastSupertype(types[c]), column.name});
    }
    return result;
}

std::string QueryPipeline::explainSelect(const ASTPtr & query, const ITableResolver & tables, const ExecutionSettings & settings)
{
    if (const auto * union_query = query->as<ASTSelectWithUnionQuery>())
    {
        std::string out;
        for (size_t i = 0; i < union_query->selects.size(); ++i)
        {
            if (union_query->selects.size() > 1)
                out += "Union part " + std::to_string(i + 1) + ":\n";
            out += explainSelect(union_query->selects[i], tables, settings);
        }
        return out;
    }
    const auto * select = query->as<ASTSelectQuery>();
    if (!select)
        throw Exception(ErrorCode::LOGICAL_ERROR, "explainSelect expects a SELECT query");
    SubqueryExecutorPipeline subqueries(settings);
    auto plan = SelectQueryPlanner::plan(*select, tables, &subqueries);
    ReadStatistics statistics;
    if (plan.source_kind == SelectQueryPlan::SourceKind::Table && !plan.count_from_total_rows)
    {
        std::atomic<bool> stop {true};
        createSources(plan, effectiveThreads(settings), settings.max_block_size, &stop, statistics);
        return plan.explain(&statistics);
    }
    return plan.explain(nullptr);
}

} // namespace pipit

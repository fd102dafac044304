#include "engine/sql/QueryParser.h"

namespace pipit
{

bool QueryParser::isSelectStart(size_t ahead)
{
    /// Bounded lookahead through opening brackets: ((SELECT ...) UNION ALL ...).
    for (size_t k = ahead; k < ahead + 64; ++k)
    {
        if (isKeyword("SELECT", k) || isKeyword("WITH", k))
            return true;
        if (!isType(TokenType::OpeningRoundBracket, k))
            return false;
    }
    return false;
}

std::shared_ptr<ASTSelectWithUnionQuery> QueryParser::parseSelectWithUnion()
{
    DepthGuard guard(*this);
    using Mode = ASTSelectWithUnionQuery::Mode;
    auto query = makeNode<ASTSelectWithUnionQuery>(current().begin);
    query->selects.push_back(parseSelectUnionElement());
    size_t levels = 0;
    while (true)
    {
        Mode mode;
        if (parseKeyword("UNION"))
        {
            if (parseKeyword("ALL"))
                mode = Mode::UnionAll;
            else if (parseKeyword("DISTINCT"))
                mode = Mode::UnionDistinct;
            else
                mode = Mode::Unspecified;
        }
        else if (parseKeyword("EXCEPT"))
            mode = parseKeyword("DISTINCT") ? Mode::ExceptDistinct : (parseKeyword("ALL"), Mode::Except);
        else if (parseKeyword("INTERSECT"))
            mode = parseKeyword("DISTINCT") ? Mode::IntersectDistinct : (parseKeyword("ALL"), Mode::Intersect);
        else
            break;
        addTreeLevel(levels);
        query->modes.push_back(mode);
        query->selects.push_back(parseSelectUnionElement());
    }
    releaseTreeLevels(levels);
    return query;
}

ASTPtr QueryParser::parseSelectUnionElement()
{
    if (isType(TokenType::OpeningRoundBracket))
    {
        advance();
        auto inner = parseSelectWithUnion();
        expectToken(TokenType::ClosingRoundBracket);
        if (inner->selects.size() == 1)
            return inner->selects.front();
        return inner;
    }
    return parseSelect();
}

void QueryParser::parseWithList(ASTSelectQuery & select)
{
    do
    {
        /// name AS (SELECT ...) is a CTE; anything else is `expr AS name`.
        const bool name_first = isType(TokenType::BareWord) || isType(TokenType::QuotedIdentifier);
        if (name_first && isKeyword("AS", 1) && isType(TokenType::OpeningRoundBracket, 2) && isSelectStart(3))
        {
            auto element = makeNode<ASTWithElement>(current().begin);
            element->name = expectIdentifier();
            advance(); /// AS
            const size_t offset = current().begin;
            advance(); /// (
            auto subquery = makeNode<ASTSubquery>(offset);
            subquery->query = parseSelectWithUnion();
            expectToken(TokenType::ClosingRoundBracket);
            element->subquery = subquery;
            select.with.push_back(element);
        }
        else
            select.with.push_back(parseExpressionWithAlias(true));
    } while (parseToken(TokenType::Comma));
}

std::shared_ptr<ASTSelectQuery> QueryParser::parseSelect()
{
    auto select = makeNode<ASTSelectQuery>(current().begin);
    if (parseKeyword("WITH"))
    {
        /// `WITH RECURSIVE name AS (...)`; `WITH recursive AS (...)` is a CTE named recursive.
        if (isKeyword("RECURSIVE") && !isKeyword("AS", 1) && !isType(TokenType::Comma, 1))
        {
            advance();
            select->with_recursive = true;
        }
        parseWithList(*select);
    }
    expectKeyword("SELECT");
    if (parseKeyword("DISTINCT"))
    {
        select->distinct = true;
        if (parseKeyword("ON"))
        {
            expectToken(TokenType::OpeningRoundBracket);
            select->distinct_on = parseExpressionList(false);
            expectToken(TokenType::ClosingRoundBracket);
        }
    }
    else
        parseKeyword("ALL");
    select->select = parseExpressionList(true);

    if (parseKeyword("FROM"))
        parseTables(*select);
    if (parseKeyword("PREWHERE"))
        select->prewhere = parseExpression();
    if (parseKeyword("WHERE"))
        select->where = parseExpression();
    if (parseKeyword("GROUP BY"))
        parseGroupBy(*select);
    if (parseKeyword("WITH TOTALS"))
        select->group_by_with_totals = true;
    if (parseKeyword("HAVING"))
        select->having = parseExpression();
    if (parseKeyword("WINDOW"))
    {
        do
        {
            std::string name = expectIdentifier("window name");
            expectKeyword("AS");
            select->windows.emplace_back(std::move(name), parseWindowSpecBody());
        } while (parseToken(TokenType::Comma));
    }
    if (parseKeyword("QUALIFY"))
        select->qualify = parseExpression();
    if (parseKeyword("ORDER BY"))
    {
        if (isKeyword("ALL") && !isType(TokenType::OpeningRoundBracket, 1))
        {
            advance();
            select->order_by_all = true;
        }
        else
            select->order_by = parseOrderByList();
        if (parseKeyword("INTERPOLATE"))
        {
            select->has_interpolate = true;
            if (parseToken(TokenType::OpeningRoundBracket) && !parseToken(TokenType::ClosingRoundBracket))
            {
                do
                {
                    std::string name = expectIdentifier();
                    ASTPtr expression = parseKeyword("AS") ? parseExpression() : nullptr;
                    select->interpolate.emplace_back(std::move(name), std::move(expression));
                } while (parseToken(TokenType::Comma));
                expectToken(TokenType::ClosingRoundBracket);
            }
        }
    }
    parseLimit(*select);
    if (parseKeyword("SETTINGS"))
        select->settings = parseSettingsList();
    return select;
}

void QueryParser::parseGroupBy(ASTSelectQuery & select)
{
    if (isKeyword("ALL") && !isType(TokenType::OpeningRoundBracket, 1))
    {
        advance();
        select.group_by_all = true;
    }
    else if (parseKeyword("GROUPING SETS"))
    {
        select.group_by_grouping_sets = true;
        expectToken(TokenType::OpeningRoundBracket);
        do
        {
            const size_t offset = current().begin;
            ASTs keys;
            if (parseToken(TokenType::OpeningRoundBracket))
            {
                if (!parseToken(TokenType::ClosingRoundBracket))
                {
                    keys = parseExpressionList(false);
                    expectToken(TokenType::ClosingRoundBracket);
                }
            }
            else
                keys.push_back(parseExpression());
            select.group_by.push_back(makeOperator("tuple", std::move(keys), offset));
        } while (parseToken(TokenType::Comma));
        expectToken(TokenType::ClosingRoundBracket);
    }
    else if ((isKeyword("ROLLUP") || isKeyword("CUBE")) && isType(TokenType::OpeningRoundBracket, 1))
    {
        const bool rollup = isKeyword("ROLLUP");
        index_ += 2;
        select.group_by = parseExpressionList(false);
        expectToken(TokenType::ClosingRoundBracket);
        (rollup ? select.group_by_with_rollup : select.group_by_with_cube) = true;
    }
    else
        select.group_by = parseExpressionList(false);

    if (parseKeyword("WITH ROLLUP"))
        select.group_by_with_rollup = true;
    else if (parseKeyword("WITH CUBE"))
        select.group_by_with_cube = true;
}

void QueryParser::parseLimit(ASTSelectQuery & select)
{
    for (int clause = 0; clause < 2; ++clause)
    {
        if (!parseKeyword("LIMIT"))
            break;
        ASTPtr first = parseExpression();
        ASTPtr length = first;
        ASTPtr offset;
        if (parseToken(TokenType::Comma))
        {
            offset = first;
            length = parseExpression();
        }
        else if (parseKeyword("OFFSET"))
            offset = parseExpression();
        if (parseKeyword("BY"))
        {
            if (select.limit_by_length)
                fail();
            select.limit_by_length = length;
            select.limit_by_offset = offset;
            select.limit_by = parseExpressionList(false);
            continue;
        }
        select.limit_length = length;
        select.limit_offset = offset;
        if (parseKeyword("WITH TIES"))
            select.limit_with_ties = true;
        break;
    }
    if (!select.limit_length && !select.limit_offset && parseKeyword("OFFSET"))
    {
        /// OFFSET n [ROW|ROWS] [FETCH FIRST|NEXT n ROW|ROWS ONLY|WITH TIES]
        select.limit_offset = parseExpression();
        if (!parseKeyword("ROWS"))
            parseKeyword("ROW");
        if (parseKeyword("FETCH"))
        {
            if (!parseKeyword("FIRST"))
                expectKeyword("NEXT");
            select.limit_length = parseExpression();
            if (!parseKeyword("ROWS"))
                expectKeyword("ROW");
            if (parseKeyword("WITH TIES"))
                select.limit_with_ties = true;
            else
                expectKeyword("ONLY");
        }
    }
}

void QueryParser::parseTables(ASTSelectQuery & select)
{
    auto first = makeNode<ASTTablesElement>(current().begin);
    first->table = parseTableExpression(true);
    select.tables.push_back(first);
    size_t levels = 0;
    while (true)
    {
        const size_t offset = current().begin;
        if (parseToken(TokenType::Comma))
        {
            auto element = makeNode<ASTTablesElement>(offset);
            element->join = makeNode<ASTTableJoin>(offset);
            element->join->kind = ASTTableJoin::Kind::Comma;
            element->table = parseTableExpression(true);
            select.tables.push_back(element);
        }
        else if (isKeyword("ARRAY") || (isKeyword("LEFT") && isKeyword("ARRAY", 1)))
        {
            auto element = makeNode<ASTTablesElement>(offset);
            element->array_join = makeNode<ASTArrayJoin>(offset);
            element->array_join->left = parseKeyword("LEFT");
            expectKeyword("ARRAY");
            expectKeyword("JOIN");
            element->array_join->expressions = parseExpressionList(true);
            select.tables.push_back(element);
        }
        else if (!tryParseJoin(select))
            break;
        addTreeLevel(levels);
    }
    releaseTreeLevels(levels);
}

bool QueryParser::tryParseJoin(ASTSelectQuery & select)
{
    const size_t saved = index_;
    const size_t offset = current().begin;
    auto join = makeNode<ASTTableJoin>(offset);
    if (parseKeyword("GLOBAL"))
        join->global = true;
    else
        parseKeyword("LOCAL");

    auto parse_strictness = [&]
    {
        if (parseKeyword("ANY"))
            join->strictness = ASTTableJoin::Strictness::Any;
        else if (parseKeyword("ALL"))
            join->strictness = ASTTableJoin::Strictness::All;
        else if (parseKeyword("ASOF"))
            join->strictness = ASTTableJoin::Strictness::Asof;
        else if (parseKeyword("SEMI"))
            join->strictness = ASTTableJoin::Strictness::Semi;
        else if (parseKeyword("ANTI"))
            join->strictness = ASTTableJoin::Strictness::Anti;
        else
            return false;
        return true;
    };
    bool strictness_given = parse_strictness();
    bool kind_given = true;
    if (parseKeyword("INNER"))
        join->kind = ASTTableJoin::Kind::Inner;
    else if (parseKeyword("LEFT"))
        join->kind = ASTTableJoin::Kind::Left;
    else if (parseKeyword("RIGHT"))
        join->kind = ASTTableJoin::Kind::Right;
    else if (parseKeyword("FULL"))
        join->kind = ASTTableJoin::Kind::Full;
    else if (parseKeyword("CROSS"))
        join->kind = ASTTableJoin::Kind::Cross;
    else if (parseKeyword("PASTE"))
        join->kind = ASTTableJoin::Kind::Paste;
    else
        kind_given = false;
    if (kind_given)
        parseKeyword("OUTER");
    if (!strictness_given)
        parse_strictness();
    if (!parseKeyword("JOIN"))
    {
        if (index_ == saved)
            return false;
        fail();
    }
    auto element = makeNode<ASTTablesElement>(offset);
    element->join = join;
    element->table = parseTableExpression(true);
    if (join->kind != ASTTableJoin::Kind::Cross && join->kind != ASTTableJoin::Kind::Paste)
    {
        if (parseKeyword("ON"))
            join->on_expression = parseExpression();
        else if (parseKeyword("USING"))
        {
            join->has_using = true;
            if (parseToken(TokenType::OpeningRoundBracket))
            {
                join->using_columns = parseExpressionList(false);
                expectToken(TokenType::ClosingRoundBracket);
            }
            else
                join->using_columns = parseExpressionList(false);
        }
        else
            fail();
    }
    select.tables.push_back(element);
    return true;
}

std::shared_ptr<ASTTableExpression> QueryParser::parseTableExpression(bool allow_alias)
{
    DepthGuard guard(*this);
    auto table = makeNode<ASTTableExpression>(current().begin);
    if (isType(TokenType::OpeningRoundBracket) && isSelectStart(1))
    {
        const size_t offset = current().begin;
        advance();
        auto subquery = makeNode<ASTSubquery>(offset);
        subquery->query = parseSelectWithUnion();
        expectToken(TokenType::ClosingRoundBracket);
        table->subquery = subquery;
    }
    else
    {
        const size_t offset = current().begin;
        std::string first = expectIdentifier("table name");
        if (isType(TokenType::OpeningRoundBracket))
            table->table_function = parseFunctionCall(std::move(first), offset);
        else if (isType(TokenType::Dot) && (isType(TokenType::BareWord, 1) || isType(TokenType::QuotedIdentifier, 1)))
        {
            advance();
            table->database = std::move(first);
            table->table = expectIdentifier("table name");
        }
        else
            table->table = std::move(first);
    }
    if (allow_alias)
    {
        std::string alias;
        if (tryParseAlias(alias, true))
            table->alias = std::move(alias);
    }
    if (parseKeyword("FINAL"))
        table->final = true;
    if (parseKeyword("SAMPLE"))
    {
        table->sample_size = parseExpression();
        if (parseKeyword("OFFSET"))
            table->sample_offset = parseExpression();
    }
    return table;
}

ASTOrderByList QueryParser::parseOrderByList()
{
    ASTOrderByList list;
    do
        list.push_back(parseOrderByElement());
    while (parseToken(TokenType::Comma));
    return list;
}

std::shared_ptr<ASTOrderByElement> QueryParser::parseOrderByElement()
{
    auto element = makeNode<ASTOrderByElement>(current().begin);
    element->expression = parseExpressionWithAlias(false);
    if (parseKeyword("DESC") || parseKeyword("DESCENDING"))
        element->direction = -1;
    else if (!parseKeyword("ASC"))
        parseKeyword("ASCENDING");
    element->nulls_direction = element->direction;
    if (parseKeyword("NULLS"))
    {
        element->nulls_direction_was_explicit = true;
        if (parseKeyword("FIRST"))
            element->nulls_direction = -element->direction;
        else
            expectKeyword("LAST");
    }
    if (parseKeyword("COLLATE"))
        element->collation = expectStringLiteral();
    if (parseKeyword("WITH FILL"))
    {
        element->with_fill = true;
        if (parseKeyword("FROM"))
            element->fill_from = parseExpression();
        if (parseKeyword("TO"))
            element->fill_to = parseExpression();
        if (parseKeyword("STEP"))
            element->fill_step = parseExpression();
    }
    return element;
}

std::shared_ptr<ASTWindowSpec> QueryParser::parseWindowSpecBody()
{
    DepthGuard guard(*this);
    auto spec = makeNode<ASTWindowSpec>(current().begin);
    expectToken(TokenType::OpeningRoundBracket);
    if ((isType(TokenType::BareWord) || isType(TokenType::QuotedIdentifier)) && !isKeyword("PARTITION") && !isKeyword("ORDER") &&
        !isKeyword("ROWS") && !isKeyword("RANGE") && !isKeyword("GROUPS"))
        spec->parent_window_name = expectIdentifier("window name");
    if (parseKeyword("PARTITION BY"))
        spec->partition_by = parseExpressionList(false);
    if (parseKeyword("ORDER BY"))
        spec->order_by = parseOrderByList();
    bool has_frame = true;
    if (parseKeyword("ROWS"))
        spec->frame_type = ASTWindowSpec::FrameType::Rows;
    else if (parseKeyword("RANGE"))
        spec->frame_type = ASTWindowSpec::FrameType::Range;
    else if (parseKeyword("GROUPS"))
        spec->frame_type = ASTWindowSpec::FrameType::Groups;
    else
        has_frame = false;
    if (has_frame)
    {
        spec->frame_is_explicit = true;
        if (parseKeyword("BETWEEN"))
        {
            parseWindowFrameBound(spec->frame_begin, spec->frame_begin_offset);
            expectKeyword("AND");
            parseWindowFrameBound(spec->frame_end, spec->frame_end_offset);
        }
        else
        {
            parseWindowFrameBound(spec->frame_begin, spec->frame_begin_offset);
            spec->frame_end = ASTWindowSpec::BoundType::CurrentRow;
        }
    }
    expectToken(TokenType::ClosingRoundBracket);
    return spec;
}

void QueryParser::parseWindowFrameBound(ASTWindowSpec::BoundType & type, ASTPtr & offset)
{
    using Bound = ASTWindowSpec::BoundType;
    if (parseKeyword("UNBOUNDED"))
    {
        if (parseKeyword("PRECEDING"))
            type = Bound::UnboundedPreceding;
        else
        {
            expectKeyword("FOLLOWING");
            type = Bound::UnboundedFollowing;
        }
        return;
    }
    if (parseKeyword("CURRENT ROW"))
    {
        type = Bound::CurrentRow;
        return;
    }
    offset = parseAdditive();
    if (parseKeyword("PRECEDING"))
        type = Bound::Preceding;
    else
    {
        expectKeyword("FOLLOWING");
        type = Bound::Following;
    }
}

} // namespace pipit

-- End-to-end test: the real resume-lsp server under a real headless Neovim.
--
-- Run from anywhere (works on Neovim 0.7 and current releases):
--   RESUME_LSP_BIN=target/debug/resume-lsp \
--     nvim --headless -u NONE -i NONE -c "luafile editors/neovim/test/e2e.lua"
--
-- Environment:
--   RESUME_LSP_BIN           server binary (default target/debug/resume-lsp,
--                            relative paths are taken from the repository root)
--   RESUME_LSP_TEST_API      force the plugin's registration API: start_client,
--                            start or enable (default: what the version offers)
--   RESUME_LSP_TEST_TIMEOUT  milliseconds to wait for each server reply (default 20000)
--
-- Exits 0 when every check passes, 1 otherwise (printing the server's stderr).

local script = debug.getinfo(1, "S").source:gsub("^@", "")
local test_dir = vim.fn.fnamemodify(script, ":p:h")
local plugin_dir = vim.fn.fnamemodify(test_dir, ":h")
local repo_root = vim.fn.fnamemodify(plugin_dir, ":h:h")
local fixtures = test_dir .. "/fixtures"
local TIMEOUT = tonumber(os.getenv("RESUME_LSP_TEST_TIMEOUT") or "") or 20000

vim.opt.runtimepath:prepend(plugin_dir)
vim.cmd("filetype on")
vim.o.swapfile = false
vim.o.shadafile = "NONE"

local passed, failed = 0, 0
local server_log

local function say(msg)
  io.stdout:write(msg .. "\n")
  io.stdout:flush()
end

local function version_string()
  local v = vim.version()
  return string.format("%d.%d.%d", v.major, v.minor, v.patch)
end

-- A failed check aborts the run with this marker.
local Failure = {}
local function fail(msg)
  error(setmetatable({ msg = msg }, Failure), 0)
end

local function check(cond, msg)
  if cond then
    passed = passed + 1
    say("ok - " .. msg)
  else
    failed = failed + 1
    say("not ok - " .. msg)
    fail(msg)
  end
end

local function read_file(path)
  local f = io.open(path, "r")
  if not f then
    return nil
  end
  local s = f:read("*a")
  f:close()
  return s
end

local function copy_file(from, to)
  local s = assert(read_file(from), "cannot read " .. from)
  local f = assert(io.open(to, "w"))
  f:write(s)
  f:close()
end

local function diag_code(d)
  if d.code ~= nil then
    return d.code
  end
  local lsp = d.user_data and d.user_data.lsp
  return lsp and lsp.code
end

local function describe_diagnostics(buf)
  local lines = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(lines, string.format("  line %d col %d: [%s] %s", d.lnum + 1, d.col, tostring(diag_code(d)), d.message))
  end
  if #lines == 0 then
    return "  (no diagnostics)"
  end
  return table.concat(lines, "\n")
end

local function find_diag(buf, code, lnum)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if diag_code(d) == code and d.lnum == lnum then
      return d
    end
  end
  return nil
end

local function line_of(buf, needle)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    if line:find(needle, 1, true) then
      return i - 1, line
    end
  end
  fail("fixture has no line containing " .. needle)
end

local function get_line(buf, lnum)
  return vim.api.nvim_buf_get_lines(buf, lnum, lnum + 1, false)[1]
end

local function request_sync(client, method, params, buf)
  if vim.fn.has("nvim-0.11") == 1 then
    return client:request_sync(method, params, TIMEOUT, buf)
  end
  return client.request_sync(method, params, TIMEOUT, buf)
end

local function supports(client, provider)
  local caps = client.server_capabilities or client.resolved_capabilities or {}
  return caps[provider]
end

local function lsp_character(buf, lnum, byte_col, encoding)
  local line = get_line(buf, lnum) or ""
  byte_col = math.min(byte_col, #line)
  if encoding == "utf-8" then
    return byte_col
  end
  local utf32, utf16 = vim.str_utfindex(line, byte_col)
  return encoding == "utf-32" and utf32 or utf16
end

-- The LSP form of a vim.diagnostic item, with its `data` (which carries the
-- server's fixes). Neovim 0.11+ keeps the whole LSP diagnostic in
-- user_data.lsp; 0.7 keeps only some fields, so the range is rebuilt.
local function to_lsp(buf, client, d)
  local kept = (d.user_data and d.user_data.lsp) or {}
  if kept.range then
    return kept
  end
  local enc = client.offset_encoding or "utf-16"
  return vim.tbl_extend("keep", {
    range = {
      start = { line = d.lnum, character = lsp_character(buf, d.lnum, d.col, enc) },
      ["end"] = { line = d.end_lnum, character = lsp_character(buf, d.end_lnum, d.end_col, enc) },
    },
    severity = d.severity,
    message = d.message,
    source = d.source,
    code = diag_code(d),
  }, kept)
end

-- The quick fix for `diag` whose title or edits contain `expect`.
local function find_quick_fix(client, buf, diag, expect)
  local lsp_diag = to_lsp(buf, client, diag)
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = lsp_diag.range,
    context = { diagnostics = { lsp_diag } },
  }
  local response, err = request_sync(client, "textDocument/codeAction", params, buf)
  if response == nil then
    fail("textDocument/codeAction got no reply: " .. tostring(err))
  end
  if response.err then
    fail("textDocument/codeAction failed: " .. vim.inspect(response.err))
  end
  local titles = {}
  for _, action in ipairs(response.result or {}) do
    if action.title and not (action.kind or ""):find("^source") then
      table.insert(titles, action.title)
      local resolved = action
      if action.edit == nil and action.command == nil and type(supports(client, "codeActionProvider")) == "table"
        and supports(client, "codeActionProvider").resolveProvider then
        local r = request_sync(client, "codeAction/resolve", action, buf)
        if r and r.result then
          resolved = r.result
        end
      end
      local haystack = action.title .. " " .. vim.inspect(resolved.edit or {})
      if haystack:find(expect, 1, true) then
        return action, resolved
      end
    end
  end
  fail(string.format("no quick fix mentioning %q among %d actions: %s", expect, #titles, vim.inspect(titles)))
end

local function apply_quick_fix(client, buf, diag, action, resolved)
  local resume = require("resume_lsp")
  local can_filter = vim.fn.has("nvim-0.8") == 1
  if can_filter then
    -- The path a user takes: vim.lsp.buf.code_action with a filter.
    vim.api.nvim_win_set_cursor(0, { diag.lnum + 1, diag.col })
    vim.lsp.buf.code_action({
      context = { diagnostics = { to_lsp(buf, client, diag) } },
      range = { start = { diag.lnum + 1, diag.col }, ["end"] = { diag.end_lnum + 1, diag.end_col } },
      filter = function(a)
        return a.title == action.title
      end,
      apply = true,
    })
  else
    -- Neovim 0.7: apply the returned WorkspaceEdit ourselves.
    resume.apply_action(resolved, client, buf)
  end
  return can_filter and "vim.lsp.buf.code_action{apply=true, filter=...}" or "vim.lsp.util.apply_workspace_edit"
end

local function check_resume(spec, work)
  local path = work .. "/" .. spec.file
  vim.cmd("edit " .. vim.fn.fnameescape(path))
  local buf = vim.api.nvim_get_current_buf()
  local resume = require("resume_lsp")
  say(string.format("# %s (filetype %s)", spec.file, vim.bo[buf].filetype))
  check(vim.tbl_contains(spec.filetypes, vim.bo[buf].filetype), spec.file .. " has filetype " .. table.concat(spec.filetypes, " or "))

  local attached = vim.wait(TIMEOUT, function()
    return #resume.clients(buf) > 0 and resume.clients(buf)[1].initialized ~= false
  end, 50)
  check(attached, spec.file .. ": resume_lsp client attached")
  local client = resume.clients(buf)[1]
  check(client.config.root_dir == work, spec.file .. ": root is the file's directory (" .. tostring(client.config.root_dir) .. ")")

  local weak_lnum, weak_line = line_of(buf, spec.weak)
  local unq_lnum = line_of(buf, spec.unquantified)
  local metric_lnum = line_of(buf, spec.metric)

  local got = vim.wait(TIMEOUT, function()
    return find_diag(buf, "weak-verb", weak_lnum) ~= nil and find_diag(buf, "unquantified-bullet", unq_lnum) ~= nil
  end, 50)
  if not got then
    say("diagnostics received:\n" .. describe_diagnostics(buf))
  end
  check(find_diag(buf, "weak-verb", weak_lnum) ~= nil, string.format("%s: weak-verb on line %d", spec.file, weak_lnum + 1))
  check(
    find_diag(buf, "unquantified-bullet", unq_lnum) ~= nil,
    string.format("%s: unquantified-bullet on line %d", spec.file, unq_lnum + 1)
  )
  local unq = find_diag(buf, "unquantified-bullet", unq_lnum)
  check(
    unq.severity == vim.diagnostic.severity.HINT,
    string.format("%s: unquantified-bullet at the level set in settings (hint), got %s", spec.file, tostring(unq.severity))
  )
  local quantified = find_diag(buf, "unquantified-bullet", metric_lnum)
  if quantified then
    say("diagnostics received:\n" .. describe_diagnostics(buf))
  end
  check(quantified == nil, string.format("%s: no unquantified-bullet on the measured bullet (line %d)", spec.file, metric_lnum + 1))

  local diag = find_diag(buf, "weak-verb", weak_lnum)
  local action, resolved = find_quick_fix(client, buf, diag, spec.fixed_verb)
  local how = apply_quick_fix(client, buf, diag, action, resolved)
  local changed = vim.wait(TIMEOUT, function()
    return get_line(buf, weak_lnum) ~= weak_line
  end, 50)
  check(changed, string.format("%s: quick fix %q applied through %s", spec.file, action.title, how))
  local expected = weak_line:gsub(vim.pesc(spec.weak), spec.fixed, 1)
  local now = get_line(buf, weak_lnum)
  if now ~= expected then
    say("  expected: " .. expected .. "\n  actual:   " .. tostring(now))
  end
  check(now == expected, string.format("%s: line %d now reads %q", spec.file, weak_lnum + 1, vim.trim(expected)))

  -- The server re-publishes: weak-verb is gone, the other finding stays.
  local gone = vim.wait(TIMEOUT, function()
    return find_diag(buf, "weak-verb", weak_lnum) == nil and find_diag(buf, "unquantified-bullet", unq_lnum) ~= nil
  end, 50)
  if not gone then
    say("diagnostics after the fix:\n" .. describe_diagnostics(buf))
  end
  check(
    find_diag(buf, "weak-verb", weak_lnum) == nil,
    string.format("%s: weak-verb gone from line %d after the fix", spec.file, weak_lnum + 1)
  )
  check(
    find_diag(buf, "unquantified-bullet", unq_lnum) ~= nil,
    string.format("%s: unquantified-bullet still reported on line %d after re-publishing", spec.file, unq_lnum + 1)
  )
end

local function check_quiet_on_paper(work)
  local path = work .. "/paper.tex"
  vim.cmd("edit " .. vim.fn.fnameescape(path))
  local buf = vim.api.nvim_get_current_buf()
  local resume = require("resume_lsp")
  say("# paper.tex (filetype " .. vim.bo[buf].filetype .. ")")
  local attached = vim.wait(TIMEOUT, function()
    return #resume.clients(buf) > 0
  end, 50)
  check(attached, "paper.tex: resume_lsp client attached")
  -- Give the server time to publish; a non-resume must stay clean.
  vim.wait(1500, function()
    return #vim.diagnostic.get(buf) > 0
  end, 50)
  local n = #vim.diagnostic.get(buf)
  if n > 0 then
    say("diagnostics received:\n" .. describe_diagnostics(buf))
  end
  check(n == 0, "paper.tex (not a resume): no diagnostics")
end

local function check_root_detection(work)
  local resume = require("resume_lsp")
  local t = work .. "/roots"
  vim.fn.mkdir(t .. "/proj/sub", "p")
  vim.fn.mkdir(t .. "/repo/.git", "p")
  vim.fn.mkdir(t .. "/repo/a/b", "p")
  vim.fn.mkdir(t .. "/lone", "p")
  local f = io.open(t .. "/proj/resume-lsp.toml", "w")
  f:write("")
  f:close()
  check(resume.root_dir(t .. "/proj/sub/cv.tex") == t .. "/proj", "root: nearest resume-lsp.toml")
  check(resume.root_dir(t .. "/repo/a/b/cv.md") == t .. "/repo", "root: nearest .git")
  check(resume.root_dir(t .. "/lone/cv.tex") == t .. "/lone", "root: the file's directory without markers")
end

local function stop_clients()
  local ids = {}
  for _, client in pairs(vim.lsp.get_clients and vim.lsp.get_clients() or vim.lsp.get_active_clients()) do
    table.insert(ids, client.id)
  end
  if #ids > 0 then
    vim.lsp.stop_client(ids)
    vim.wait(3000, function()
      for _, id in ipairs(ids) do
        if vim.lsp.get_client_by_id(id) ~= nil then
          return false
        end
      end
      return true
    end, 50)
  end
end

local function traceback(e)
  if getmetatable(e) == Failure then
    return e
  end
  return debug.traceback(tostring(e), 2)
end

local function main()
  local bin = os.getenv("RESUME_LSP_BIN")
  if bin == nil or bin == "" then
    bin = "target/debug/resume-lsp"
  end
  if bin:sub(1, 1) ~= "/" then
    bin = repo_root .. "/" .. bin
  end
  say("# Neovim " .. version_string() .. ", server " .. bin)
  check(vim.fn.executable(bin) == 1, "server binary is executable: " .. bin)

  local work = vim.fn.resolve(vim.fn.tempname())
  vim.fn.mkdir(work, "p")
  for _, name in ipairs({ "resume.tex", "resume.md", "paper.tex" }) do
    copy_file(fixtures .. "/" .. name, work .. "/" .. name)
  end
  server_log = work .. "/server-stderr.log"

  -- Error and warning messages the server shows (e.g. rejected settings).
  local shown = {}
  local show_message = vim.lsp.handlers["window/showMessage"]
  vim.lsp.handlers["window/showMessage"] = function(err, result, ctx, config)
    if result and result.type and result.type <= 2 then
      table.insert(shown, result.message)
    end
    return show_message(err, result, ctx, config)
  end

  local resume = require("resume_lsp")
  local api = os.getenv("RESUME_LSP_TEST_API")
  resume.setup({
    -- The shell wrapper keeps the server's stderr for the failure report.
    cmd = { "sh", "-c", 'exec "$0" serve 2>>"$1"', bin, server_log },
    explain_bin = bin,
    -- Exercises initializationOptions / didChangeConfiguration: the level
    -- must show on the diagnostics.
    settings = { rules = { ["unquantified-bullet"] = "hint" } },
    api = (api ~= nil and api ~= "") and api or "auto",
  })
  say("# registration api: " .. resume.api)

  -- Each part runs even when an earlier one failed, so one run reports
  -- everything that is broken.
  local parts = {
    function()
      check_root_detection(work)
    end,
    function()
      check_resume({
        file = "resume.tex",
        filetypes = { "tex", "plaintex" },
        weak = "Responsible for training",
        fixed = "Trained",
        fixed_verb = "Trained",
        unquantified = "Rebuilt the nightly ingestion pipeline",
        metric = "Cut dashboard load time",
      }, work)
    end,
    function()
      check_resume({
        file = "resume.md",
        filetypes = { "markdown" },
        weak = "Responsible for building",
        fixed = "Built",
        fixed_verb = "Built",
        unquantified = "Designed the event schema",
        metric = "Lowered p95 checkout latency",
      }, work)
    end,
    function()
      check_quiet_on_paper(work)
    end,
    function()
      if #shown > 0 then
        say("server messages:\n  " .. table.concat(shown, "\n  "))
      end
      check(#shown == 0, "the server showed no error or warning messages")
    end,
  }
  local first_error
  for _, part in ipairs(parts) do
    local ok, err = xpcall(part, traceback)
    if not ok then
      if getmetatable(err) ~= Failure then
        failed = failed + 1
        say("not ok - error: " .. tostring(err))
      end
      first_error = first_error or err
    end
  end
  if first_error then
    error(first_error, 0)
  end
end

local ok, err = xpcall(main, traceback)

local code = 0
if not ok then
  code = 1
  if getmetatable(err) ~= Failure then
    failed = failed + 1
    say("not ok - error: " .. tostring(err))
  end
  say("FAILED on Neovim " .. version_string())
  local log = server_log and read_file(server_log)
  say("---- server stderr (" .. tostring(server_log) .. ") ----")
  say(log and log ~= "" and log or "(empty)")
  say("---- end of server stderr ----")
  local lsp_log = (vim.lsp.log and vim.lsp.log.get_filename and vim.lsp.log.get_filename())
    or (vim.lsp.get_log_path and vim.lsp.get_log_path())
  if lsp_log then
    local text = read_file(lsp_log)
    if text and text ~= "" then
      say("---- Neovim LSP log (" .. lsp_log .. "), last lines ----")
      local lines = vim.split(text, "\n", { plain = true })
      say(table.concat(lines, "\n", math.max(1, #lines - 40)))
    end
  end
end

pcall(stop_clients)
-- The plain closing line: N passed, N failed.
say(string.format("nvim-e2e: %d passed, %d failed", passed, failed))
if code == 0 then
  vim.cmd("qall!")
else
  vim.cmd("cquit " .. code)
end

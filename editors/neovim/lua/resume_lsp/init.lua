-- resume-lsp client for Neovim, built on plain vim.lsp (no plugin dependencies).
--
--   require("resume_lsp").setup({
--     cmd = { "resume-lsp", "serve" },
--     filetypes = { "tex", "plaintex", "markdown" },
--     settings = { rules = { ["unquantified-bullet"] = "hint" } },
--   })
--
-- Works on Neovim 0.7 (vim.lsp.start_client + vim.lsp.buf_attach_client from
-- a FileType autocmd), 0.8-0.10 (vim.lsp.start) and 0.11+ (vim.lsp.config +
-- vim.lsp.enable).

local M = {}

M.name = "resume_lsp"

M.defaults = {
  -- The server command. The binary must be on PATH, or give its full path.
  cmd = { "resume-lsp", "serve" },
  filetypes = { "tex", "plaintex", "markdown" },
  -- A directory holding one of these is the workspace root; otherwise the
  -- file's own directory is.
  root_markers = { "resume-lsp.toml", ".git" },
  -- Sent as initializationOptions and workspace/didChangeConfiguration:
  -- { rules = { ["<code>"] = "off" | "hint" | "information" | "warning" | "error" } }
  settings = {},
  on_attach = nil,
  capabilities = nil,
  -- Which API registers the server: "auto" picks vim.lsp.enable when it
  -- exists, then vim.lsp.start, then vim.lsp.start_client. Tests force one.
  api = "auto",
}

M.options = nil

local uv = vim.loop or vim.uv

local function path_join(a, b)
  if a:sub(-1) == "/" then
    return a .. b
  end
  return a .. "/" .. b
end

local function parent(dir)
  local p = dir:match("^(.*)/[^/]+/?$")
  if p == nil or p == "" then
    return "/"
  end
  return p
end

local function exists(path)
  return uv.fs_stat(path) ~= nil
end

--- The workspace root of a file: the nearest ancestor directory holding one
--- of `markers`, else the file's own directory.
--- @param fname string absolute file path
--- @param markers string[]|nil defaults to the configured root markers
--- @return string
function M.root_dir(fname, markers)
  markers = markers or (M.options and M.options.root_markers) or M.defaults.root_markers
  fname = vim.fn.fnamemodify(fname, ":p")
  local start = fname
  if vim.fn.isdirectory(fname) == 0 then
    start = vim.fn.fnamemodify(fname, ":h")
  end
  start = start:gsub("/+$", "")
  if start == "" then
    start = "/"
  end
  local dir = start
  while true do
    for _, marker in ipairs(markers) do
      if exists(path_join(dir, marker)) then
        return dir
      end
    end
    if dir == "/" then
      break
    end
    dir = parent(dir)
  end
  return start
end

local function buf_root(bufnr)
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == "" then
    return vim.fn.getcwd()
  end
  return M.root_dir(name)
end

-- client:request on 0.11+, client.request before (deprecated since).
local function request(client, method, params, handler, bufnr)
  if vim.fn.has("nvim-0.11") == 1 then
    return client:request(method, params, handler, bufnr)
  end
  return client.request(method, params, handler, bufnr)
end
M.request = request

local OWN_SECTIONS = { ["resume-lsp"] = true, resumeLsp = true, resume_lsp = true }

-- workspace/configuration: our settings for our section (or none); the
-- default handler for anything else.
local function configuration_handler(err, result, ctx, config)
  local default = vim.lsp.handlers["workspace/configuration"]
  local settings = M.server_settings(M.options and M.options.settings)
  local items = result and result.items or {}
  local fallback = default and default(err, result, ctx, config) or {}
  local answer = {}
  for i, item in ipairs(items) do
    local section = item.section
    if section == nil or section == "" or OWN_SECTIONS[section] then
      answer[i] = settings
    elseif section:match("^[%w_-]+%.rules$") and OWN_SECTIONS[section:match("^([%w_-]+)%.")] then
      answer[i] = settings.rules
    else
      answer[i] = fallback[i] == nil and vim.NIL or fallback[i]
    end
  end
  return answer
end

-- Lua's empty table encodes as a JSON array; the server wants objects.
local function as_object(t)
  if t == nil or next(t) == nil then
    return vim.empty_dict()
  end
  return t
end

--- The settings object sent to the server: `{ rules = { [code] = level } }`,
--- with empty tables encoded as JSON objects.
function M.server_settings(settings)
  local out = {}
  for k, v in pairs(settings or {}) do
    out[k] = v
  end
  out.rules = as_object(out.rules)
  return out
end

local function client_config(opts, root)
  local settings = M.server_settings(opts.settings)
  local cfg = {
    name = M.name,
    cmd = opts.cmd,
    root_dir = root,
    init_options = settings,
    settings = settings,
    capabilities = opts.capabilities,
    on_attach = opts.on_attach,
    handlers = { ["workspace/configuration"] = configuration_handler },
  }
  return cfg
end

local function has_filetype(opts, ft)
  for _, f in ipairs(opts.filetypes) do
    if f == ft then
      return true
    end
  end
  return false
end

local function attachable(bufnr)
  return vim.api.nvim_buf_is_valid(bufnr) and vim.bo[bufnr].buftype == ""
end

-- Neovim 0.7: one client per root, started with start_client.
local clients_by_root = {}

local function attach_legacy(bufnr, opts)
  local root = buf_root(bufnr)
  local id = clients_by_root[root]
  if id == nil or vim.lsp.get_client_by_id(id) == nil or vim.lsp.client_is_stopped(id) then
    id = vim.lsp.start_client(client_config(opts, root))
    if id == nil then
      vim.notify("resume-lsp: could not start `" .. tostring(opts.cmd[1]) .. "`; check that it is installed", vim.log.levels.ERROR)
      return nil
    end
    clients_by_root[root] = id
  end
  vim.lsp.buf_attach_client(bufnr, id)
  return id
end

-- Neovim 0.8-0.10: vim.lsp.start reuses a client with the same name and root.
local function attach_start(bufnr, opts)
  return vim.lsp.start(client_config(opts, buf_root(bufnr)), { bufnr = bufnr })
end

local function choose_api(opts)
  if opts.api ~= "auto" then
    return opts.api
  end
  if vim.lsp.config ~= nil and vim.lsp.enable ~= nil then
    return "enable"
  end
  if vim.lsp.start ~= nil then
    return "start"
  end
  return "start_client"
end

--- Registers the server. Call once from your config; calling again replaces
--- the previous registration.
function M.setup(user)
  -- Shallow merge: lists such as cmd and filetypes replace the defaults.
  local opts = vim.tbl_extend("force", {}, M.defaults, user or {})
  if type(opts.cmd) == "string" then
    opts.cmd = { opts.cmd }
  end
  opts.settings = opts.settings or {}
  M.options = opts
  if vim.fn.executable(opts.cmd[1]) ~= 1 then
    vim.notify(
      "resume-lsp: `" .. opts.cmd[1] .. "` was not found; install it with `cargo install --path server/lsp` "
        .. "from the resume-lsp repository, or pass its full path as `cmd`",
      vim.log.levels.WARN
    )
  end

  local api = choose_api(opts)
  M.api = api
  local group = vim.api.nvim_create_augroup("resume_lsp", { clear = true })

  if api == "enable" then
    local cfg = client_config(opts, nil)
    cfg.name = nil
    cfg.filetypes = opts.filetypes
    cfg.root_dir = function(bufnr, on_dir)
      on_dir(buf_root(bufnr))
    end
    vim.lsp.config(M.name, cfg)
    vim.lsp.enable(M.name)
  else
    local attach = api == "start" and attach_start or attach_legacy
    vim.api.nvim_create_autocmd("FileType", {
      group = group,
      pattern = opts.filetypes,
      callback = function(args)
        if attachable(args.buf) then
          attach(args.buf, opts)
        end
      end,
    })
    -- Buffers opened before setup().
    for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
      if vim.api.nvim_buf_is_loaded(bufnr) and attachable(bufnr) and has_filetype(opts, vim.bo[bufnr].filetype) then
        attach(bufnr, opts)
      end
    end
  end

  vim.api.nvim_create_user_command("ResumeLspFixAll", function()
    M.fix_all(0)
  end, { desc = "resume-lsp: apply every safe fix in the buffer" })
  vim.api.nvim_create_user_command("ResumeLspExplain", function(c)
    M.explain(c.args)
  end, { nargs = 1, desc = "resume-lsp: show a rule's documentation" })
end

--- The resume-lsp clients attached to a buffer.
function M.clients(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local out = {}
  if vim.lsp.get_clients ~= nil then
    return vim.lsp.get_clients({ bufnr = bufnr, name = M.name })
  end
  for _, client in pairs(vim.lsp.buf_get_clients(bufnr)) do
    if client.name == M.name then
      table.insert(out, client)
    end
  end
  return out
end

--- Applies a code action: its edit, then its command.
function M.apply_action(action, client, bufnr)
  if action.edit then
    vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
  end
  local command = type(action.command) == "table" and action.command or nil
  if command then
    request(client, "workspace/executeCommand", command, function() end, bufnr)
  end
end

--- Applies every safe fix in the buffer (the `source.fixAll.resume-lsp`
--- code action).
function M.fix_all(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  for _, client in ipairs(M.clients(bufnr)) do
    local last = vim.api.nvim_buf_line_count(bufnr)
    local params = {
      textDocument = { uri = vim.uri_from_bufnr(bufnr) },
      range = { start = { line = 0, character = 0 }, ["end"] = { line = last, character = 0 } },
      context = { diagnostics = {}, only = { "source.fixAll.resume-lsp" } },
    }
    request(client, "textDocument/codeAction", params, function(err, result)
      if err then
        vim.notify("resume-lsp: fix all failed: " .. tostring(err.message or err), vim.log.levels.ERROR)
        return
      end
      local applied = false
      for _, action in ipairs(result or {}) do
        if type(action.kind) == "string" and action.kind:find("^source%.fixAll") then
          M.apply_action(action, client, bufnr)
          applied = true
          break
        end
      end
      if not applied then
        vim.notify("resume-lsp: nothing to fix in this buffer", vim.log.levels.INFO)
      end
    end, bufnr)
  end
end

--- Shows `resume-lsp explain CODE` in a scratch Markdown buffer.
function M.explain(code)
  local opts = M.options or M.defaults
  local bin = opts.explain_bin or opts.cmd[1]
  local text = vim.fn.system({ bin, "explain", code })
  if vim.v.shell_error ~= 0 then
    vim.notify("resume-lsp: " .. vim.trim(text), vim.log.levels.ERROR)
    return
  end
  vim.cmd("new")
  local buf = vim.api.nvim_get_current_buf()
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, vim.split(text, "\n", { plain = true }))
  vim.bo[buf].buftype = "nofile"
  vim.bo[buf].bufhidden = "wipe"
  vim.bo[buf].modifiable = false
  vim.bo[buf].filetype = "markdown"
end

return M

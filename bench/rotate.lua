-- wrk script for `make bench-http`: request the paths listed in a file (one per line, given
-- after `--`) in turn, so that searches rotate over the whole query mix.
local paths = {}
local next_path = 0

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then
      paths[#paths + 1] = line
    end
  end
  -- Each wrk thread starts at its own place in the list.
  next_path = math.random(#paths) - 1
end

function request()
  next_path = next_path % #paths + 1
  return wrk.format("GET", paths[next_path])
end

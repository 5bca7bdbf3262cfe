@echo off
rem Amtsgang on Windows: the settings bin\setenv gives the platform on Linux and macOS (read there why).
rem Derby: a statement cache of 1,000 (the connection pool keeps only 32 statements open per connection),
rem 16,000 pages of page cache (AMTSGANG_DERBY_PAGE_CACHE), a checkpoint every 64 MB of log
rem (AMTSGANG_DERBY_CHECKPOINT_BYTES) and a new log file every 16 MB.
if "%AMTSGANG_DERBY_PAGE_CACHE%"=="" set AMTSGANG_DERBY_PAGE_CACHE=16000
if "%AMTSGANG_DERBY_CHECKPOINT_BYTES%"=="" set AMTSGANG_DERBY_CHECKPOINT_BYTES=67108864
set EXTRA_JAVA_OPTS=-Dderby.language.statementCacheSize=1000 -Dderby.storage.pageCacheSize=%AMTSGANG_DERBY_PAGE_CACHE% -Dderby.storage.checkpointInterval=%AMTSGANG_DERBY_CHECKPOINT_BYTES% -Dderby.storage.logSwitchInterval=16777216 %EXTRA_JAVA_OPTS%

@echo off
rem course's JBang launcher for Windows: uses an installed jbang when there is one; otherwise
rem runs JBang from .jbang\lib, fetched once from Maven Central. Needs a JDK 17+.
setlocal enabledelayedexpansion
set "HERE=%~dp0"

for /f "delims=" %%J in ('where jbang.cmd 2^>nul') do (
  if /i not "%%~fJ"=="%~f0" ( call "%%~fJ" %* & exit /b !errorlevel! )
)

if defined JAVA_HOME ( set "JAVA_EXE=%JAVA_HOME%\bin\java.exe" ) else ( set "JAVA_EXE=java.exe" )
set "JAVA_VERSION="
for /f "tokens=3" %%V in ('"%JAVA_EXE%" -XshowSettings:properties -version 2^>^&1 ^| findstr /c:"java.specification.version"') do set "JAVA_VERSION=%%V"
if not defined JAVA_VERSION goto :nojdk
for /f "tokens=1 delims=." %%M in ("%JAVA_VERSION%") do set "JAVA_MAJOR=%%M"
if %JAVA_MAJOR% LSS 17 goto :nojdk

if not exist "%HERE%.jbang\lib\.complete" (
  "%JAVA_EXE%" "%HERE%.jbang\Bootstrap.java" "%HERE%.jbang\jbang-cli.lock" "%HERE%.jbang\lib" || exit /b 1
  type nul > "%HERE%.jbang\lib\.complete"
)

set "JBANG_RUNTIME_SHELL=cmd"
set "JBANG_LAUNCH_CMD=%~f0"
set "OUTPUT=%TEMP%\course-jbang-%RANDOM%.cmd"
rem JBang's launch protocol: exit code 255 means its output is the command to run.
"%JAVA_EXE%" -Dfile.encoding=UTF-8 %JBANG_JAVA_OPTIONS% -classpath "%HERE%.jbang\lib\*" dev.jbang.Main %* > "%OUTPUT%"
set STATUS=%ERRORLEVEL%
if %STATUS% EQU 255 (
  call "%OUTPUT%"
  set STATUS=!ERRORLEVEL!
) else (
  type "%OUTPUT%"
)
del "%OUTPUT%" 2>nul
exit /b %STATUS%

:nojdk
echo course needs a JDK 17 or newer (found: %JAVA_VERSION%): install one, e.g. Temurin 17+, and put it on PATH or in JAVA_HOME. 1>&2
exit /b 1

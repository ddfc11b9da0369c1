"""What LibreOffice Calc makes of workbooks' views and filters, as one JSON line per workbook.

Headless conversion writes no sheet views (a frozen pane is lost even from Calc's own files), so the frozen
header is read from the view Calc opens the workbook with. Usage: python3 libreoffice-views.py SOFFICE PROFILE
PIPE FILE... (a fresh profile directory and pipe name per run).
"""
import json
import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def column(n):
    letters = ""
    n += 1
    while n > 0:
        n, r = divmod(n - 1, 26)
        letters = chr(65 + r) + letters
    return letters


def main():
    soffice, profile, pipe, files = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    office = subprocess.Popen([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                               f"--accept=pipe,name={pipe};urp;"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        context = None
        for _ in range(300):
            try:
                context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:
                time.sleep(0.1)
        if context is None:
            raise SystemExit("soffice did not answer on its pipe")
        desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        for path in files:
            doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(path)), "_blank", 0,
                                               (prop("Hidden", True),))
            controller = doc.getCurrentController()
            unnamed = doc.getPropertyValue("UnnamedDatabaseRanges")
            sheets = []
            for index in range(doc.Sheets.Count):
                sheet = doc.Sheets.getByIndex(index)
                controller.setActiveSheet(sheet)
                autofilter = None
                if unnamed.hasByTable(index):
                    db = unnamed.getByTable(index)
                    area = db.getDataArea()
                    if db.getPropertyValue("AutoFilter"):
                        autofilter = f"{column(area.StartColumn)}{area.StartRow + 1}:{column(area.EndColumn)}{area.EndRow + 1}"
                sheets.append({"name": sheet.Name, "frozen": controller.hasFrozenPanes(),
                               "splitRow": controller.getSplitRow(), "splitColumn": controller.getSplitColumn(),
                               "autoFilter": autofilter})
            print(json.dumps({"file": path, "sheets": sheets}), flush=True)
            doc.close(True)
        try:
            desktop.terminate()
        except Exception:
            pass  # the bridge closes as soffice exits
        office.wait(60)
    finally:
        if office.poll() is None:
            office.kill()


main()

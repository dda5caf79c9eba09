// The parts of Apache ECharts the explorer uses, bundled by tools/vendor/vendor_js.sh into
// src/annales/web/static/vendor/echarts/echarts.min.js (window.echarts).
import * as echarts from "echarts/core";
import { BarChart, GraphChart, LineChart } from "echarts/charts";
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { LabelLayout } from "echarts/features";
import { SVGRenderer } from "echarts/renderers";

echarts.use([
  BarChart, GraphChart, LineChart,
  AriaComponent, GridComponent, LegendComponent, TooltipComponent,
  LabelLayout, SVGRenderer,
]);
window.echarts = echarts;

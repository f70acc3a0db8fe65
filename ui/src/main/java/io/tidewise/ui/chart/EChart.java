package io.tidewise.ui.chart;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;

/**
 * An ECharts chart: our {@code <tidewise-chart>} element (META-INF/resources/tidewise/tidewise-chart.js) draws the
 * option object it is given as JSON. ECharts itself comes from its WebJar at run time; no JavaScript of others is
 * in this repository. The JSON stays readable on the element ({@code element.options}) for tests and debugging.
 */
@Tag("tidewise-chart")
public class EChart extends Component implements HasSize {
    static final String ECHARTS = "context://webjars/echarts/5.3.1/dist/echarts.min.js";
    static final String ELEMENT = "context://tidewise/tidewise-chart.js";

    public EChart() {
        setWidthFull();
        setHeight("420px");
    }

    /** Replaces what the chart shows: an ECharts option object as JSON. */
    public void setOptions(String optionJson) {
        getElement().setProperty("options", optionJson);
    }

    public String getOptions() {
        return getElement().getProperty("options", "");
    }

    @Override
    protected void onAttach(AttachEvent event) {
        // added once per page: Vaadin skips a script URL it has already loaded
        event.getUI().getPage().addJavaScript(ECHARTS);
        event.getUI().getPage().addJavaScript(ELEMENT);
    }
}
